"""URLs served while benchmarking: the product's own, plus the floor view."""

from django.urls import path

from livc.config.urls import urlpatterns as product_urlpatterns

from .views import floor, region_enqueue, region_report

urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("bench/region-report/<int:report_id>/", region_report, name="bench_region_report"),
    path("bench/region-enqueue/<int:report_id>/", region_enqueue, name="bench_region_enqueue"),
    *product_urlpatterns,
]
