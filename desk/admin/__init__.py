"""The editors' admin: every model registered here, its parts in the modules beside.

``queue`` (claims), ``actions`` (the review actions), ``forms``,
``articles`` (articles with their claims), ``revisions``, ``agencies`` and
``history`` (read-only logs), ``people`` and ``suggestions`` (the article
page's suggested claims), ``webhooks`` (endpoints and their deliveries).
Articles are administered here, not in ``articles``: their admin shows and
creates claims.
"""

from django.contrib import admin

from articles.models import Article
from claims.models import Agency, Claim, Person, ReviewEvent
from desk.admin.agencies import AgencyAdmin
from desk.admin.articles import ArticleAdmin
from desk.admin.history import ReviewEventAdmin
from desk.admin.paging import QueuePaginator
from desk.admin.people import PersonAdmin
from desk.admin.queue import ClaimAdmin
from desk.admin.webhooks import WebhookDeliveryAdmin, WebhookEndpointAdmin
from notifications.models import WebhookDelivery, WebhookEndpoint

admin.site.register(Agency, AgencyAdmin)
admin.site.register(Claim, ClaimAdmin)
admin.site.register(ReviewEvent, ReviewEventAdmin)
admin.site.register(Article, ArticleAdmin)
admin.site.register(Person, PersonAdmin)
admin.site.register(WebhookEndpoint, WebhookEndpointAdmin)
admin.site.register(WebhookDelivery, WebhookDeliveryAdmin)

__all__ = ["AgencyAdmin", "ArticleAdmin", "ClaimAdmin", "PersonAdmin", "QueuePaginator"]
