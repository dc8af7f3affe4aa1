"""URLs served while benchmarking: the product's own, plus the floor view."""

from django.urls import path

from livc.config.urls import urlpatterns as product_urlpatterns

from .views import floor

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *product_urlpatterns]
