"""The shape of the API's entity endpoints: listed, read, created and changed,
reads served from the cache, writes through the services."""

from django.db.models import Model
from rest_framework import mixins

from newsroom.apibase import ServiceViewSet
from newsroom.caching import CachedReads


class EntityViewSet[M: Model](
    CachedReads,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ServiceViewSet[M],
):
    """List, read, create and change one kind of object."""
