from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("mina-anmalningar/", views.MyRegistrationsView.as_view(), name="my-registrations"),
    path("mina-anmalningar/<int:pk>/andra/", views.RegistrationEditView.as_view(), name="registration-edit"),
    path("mina-anmalningar/<int:pk>/avboka/", views.RegistrationCancelView.as_view(), name="registration-cancel"),
    path("mina-anmalningar/<int:pk>/speed-date/", views.MySpeedDateView.as_view(), name="my-speed-date"),
    path("kalender/ny-adress/", views.CalendarFeedRenewView.as_view(), name="feed-renew"),
    path("kalender/<str:token>.ics", views.CalendarFeedView.as_view(), name="feed"),
    path("kommunbord/atgard/<int:pk>/", views.ActionItemUpdateView.as_view(), name="action-item-update"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/anmalan/", views.RegisterView.as_view(), name="register"),
    path("<slug:slug>/kalender.ics", views.EventCalendarView.as_view(), name="ics"),
    path("<slug:slug>/kommunbord/", views.FollowUpView.as_view(), name="follow-up"),
]
