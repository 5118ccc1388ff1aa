from django.urls import path

from . import views

app_name = "ambassadors"

# Fixed words first: a profile's slug can never be one of them (see models.RESERVED_SLUGS).
urlpatterns = [
    path("", views.AmbassadorListView.as_view(), name="list"),
    path("min-profil/", views.ProfileEditView.as_view(), name="my-profile"),
    path("min-profil/andringar/ta-bort/", views.ProfileChangeDiscardView.as_view(), name="discard-changes"),
    path("min-profil/samtycke/", views.ConsentGiveView.as_view(), name="consent-give"),
    path("min-profil/samtycke/aterkalla/", views.ConsentWithdrawView.as_view(), name="consent-withdraw"),
    path("forfragningar/", views.VisitRequestListView.as_view(), name="requests"),
    path("forfragningar/<int:pk>/", views.VisitRequestDetailView.as_view(), name="request-detail"),
    path("forfragningar/<int:pk>/kalender.ics", views.VisitCalendarView.as_view(), name="request-ics"),
    path("forfragningar/<int:pk>/aterkoppling/", views.FeedbackView.as_view(), name="feedback"),
    path("forfragningar/<int:pk>/<slug:action>/", views.VisitRequestActionView.as_view(), name="request-action"),
    path("foto/<int:pk>/<str:filename>", views.photo, name="photo"),
    path("inbjudan/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("<slug:slug>/", views.AmbassadorDetailView.as_view(), name="detail"),
    path("<slug:slug>/besok/", views.VisitRequestCreateView.as_view(), name="request-visit"),
]
