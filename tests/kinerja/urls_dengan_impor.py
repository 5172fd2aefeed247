"""The project's URLs plus a stand-in for the import page, which is built in another module."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("uji/impor/", lambda request: HttpResponse(), name="impor_pegawai"), *project_urlpatterns]
