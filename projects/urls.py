from django.urls import path

from . import views
from .feeds import AtomNewsFeed, NewsFeed

app_name = "projects"

urlpatterns = [
    # Projects and their news
    path("projekt/", views.ProjectListView.as_view(), name="list"),
    path("projekt/nyheter/", views.NewsListView.as_view(), name="news"),
    path("projekt/nyheter/rss/", NewsFeed(), name="news-rss"),
    path("projekt/nyheter/atom/", AtomNewsFeed(), name="news-atom"),
    path("projekt/nyheter/<int:year>/<int:month>/", views.NewsMonthView.as_view(), name="news-month"),
    path("projekt/<slug:slug>/", views.ProjectDetailView.as_view(), name="detail"),
    path("projekt/<slug:project_slug>/nyheter/", views.NewsListView.as_view(), name="project-news"),
    path("projekt/<slug:project_slug>/nyheter/rss/", NewsFeed(), name="project-news-rss"),
    path("projekt/<slug:project_slug>/nyheter/atom/", AtomNewsFeed(), name="project-news-atom"),
    path(
        "projekt/<slug:project_slug>/nyheter/<int:year>/<int:month>/",
        views.NewsMonthView.as_view(),
        name="project-news-month",
    ),
    path("projekt/<slug:project_slug>/nyheter/<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
    # The course catalogue
    path("kurser/", views.CatalogueView.as_view(), name="catalogue"),
    path("kurser/kurs/<int:pk>/", views.CourseDetailView.as_view(), name="course-detail"),
    path("kurser/tillfalle/<int:pk>/", views.OccasionDetailView.as_view(), name="occasion-detail"),
    path("kurser/tillfalle/<int:pk>/kalender.ics", views.OccasionCalendarView.as_view(), name="occasion-ics"),
    # Mitt företag
    path("mitt-foretag/", views.CompanyIndexView.as_view(), name="company-index"),
    path("mitt-foretag/<int:company_pk>/", views.CompanyDashboardView.as_view(), name="company"),
    path(
        "mitt-foretag/<int:company_pk>/projekt/<int:pk>/<slug:answer>/",
        views.ParticipationAnswerView.as_view(),
        name="participation-answer",
    ),
    path("mitt-foretag/<int:company_pk>/personal/", views.StaffListView.as_view(), name="staff"),
    path("mitt-foretag/<int:company_pk>/personal/ny/", views.EmployeeCreateView.as_view(), name="employee-add"),
    path(
        "mitt-foretag/<int:company_pk>/personal/importera/",
        views.StaffImportView.as_view(),
        name="staff-import",
    ),
    path(
        "mitt-foretag/<int:company_pk>/personal/export.csv",
        views.StaffExportView.as_view(),
        name="staff-export",
    ),
    path(
        "mitt-foretag/<int:company_pk>/personal/<int:pk>/",
        views.EmployeeUpdateView.as_view(),
        name="employee-edit",
    ),
    path(
        "mitt-foretag/<int:company_pk>/personal/<int:pk>/ta-bort/",
        views.EmployeeDeleteView.as_view(),
        name="employee-delete",
    ),
    path(
        "mitt-foretag/<int:company_pk>/anmalningar/",
        views.CompanyEnrolmentListView.as_view(),
        name="company-enrolments",
    ),
    path(
        "mitt-foretag/<int:company_pk>/anmalningar/<int:pk>/avboka/",
        views.EnrolmentCancelView.as_view(),
        name="enrolment-cancel",
    ),
    path(
        "mitt-foretag/<int:company_pk>/anmal/<int:occasion_pk>/",
        views.EnrolmentCreateView.as_view(),
        name="enrol",
    ),
    path(
        "mitt-foretag/<int:company_pk>/kompetensbehov/",
        views.CompetenceNeedsView.as_view(),
        name="company-needs",
    ),
]
