from .urls_coverage import urlpatterns as coverage_urls
from .urls_dashboards import urlpatterns as dashboard_urls
from .urls_reports import urlpatterns as report_urls

app_name = "monitoring"
urlpatterns = dashboard_urls + coverage_urls + report_urls
