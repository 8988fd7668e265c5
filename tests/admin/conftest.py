"""Fixtures for the admin tests: logged-in clients for each role, admin URLs."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims.models import Claim

CHANGELIST = "admin:claims_claim_changelist"


def claim_url(claim: Claim) -> str:
    """The admin change page of a claim."""
    return reverse("admin:claims_claim_change", args=[claim.pk])


def changelist_url() -> str:
    """The review queue."""
    return reverse(CHANGELIST)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor: User) -> Client:
    return logged_in(editor)


@pytest.fixture
def second_editor_client(second_editor: User) -> Client:
    return logged_in(second_editor)


@pytest.fixture
def reporter_client(reporter: User) -> Client:
    return logged_in(reporter)


@pytest.fixture
def unreviewed(demo: object) -> Claim:
    """The demo's claim on RIA Novosti's partial counts, unreviewed."""
    return Claim.objects.get(quote__startswith="With 16% of ballots counted")


@pytest.fixture
def contextualized(demo: object) -> Claim:
    """The demo's TASS timetable claim, contextualized."""
    return Claim.objects.get(quote__startswith="the incorporation of the territories")
