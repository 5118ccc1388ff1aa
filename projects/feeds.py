"""RSS and Atom feeds of project news, for all projects or one."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import Project
from .selectors import published_news

ITEMS = 20


class NewsFeed(Feed):
    def get_object(self, request, project_slug=None):
        if project_slug is None:
            return None
        return get_object_or_404(Project.objects.published(), slug=project_slug)

    def title(self, project):
        if project is None:
            return _("Nyheter från projekten i Kompetensportalen")
        return _("Nyheter från %(project)s") % {"project": project.name}

    def link(self, project):
        if project is None:
            return reverse("projects:news")
        return reverse("projects:project-news", kwargs={"project_slug": project.slug})

    def description(self, project):
        return _("De senaste nyheterna från regionala projekt för kompetensförsörjning i industrin.")

    def items(self, project):
        posts = published_news()
        if project is not None:
            posts = posts.filter(project=project)
        return posts[:ITEMS]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.lead or Truncator(strip_tags(post.body)).words(60)

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated

    def item_categories(self, post):
        return [post.project.name]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, project):
        return self.description(project)
