from django.urls import path

from . import views

app_name = "rekap"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("organisasi/", views.organisasi, name="organisasi"),
    path("tim/", views.tim, name="tim"),
    path("saya/", views.saya, name="saya"),
]
