app_name = "conferences"
urlpatterns = []
