"""Wrong admin passwords lock a user name out for one address, for a while."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client
from pytest_django.fixtures import Settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "the right password, long enough"
ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def staff(settings: Settings) -> User:
    # A fast hasher: the test sends dozens of passwords, not a benchmark.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory.create(username="desk", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client: Client, password: str, address: str) -> Any:
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "desk", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_thirty_wrong_passwords_lock_the_user_out_for_that_address_only(
    client: Client, staff: User, settings: Settings
) -> None:
    """The 30th wrong password locks desk out from that address; elsewhere signs in."""
    for attempt in range(1, 30):
        response = sign_in(client, f"guess {attempt}", ATTACKER)
        assert response.status_code == 200, attempt
        assert "Please enter the correct username and password" in response.text

    locked = sign_in(client, "guess 30", ATTACKER)
    assert locked.status_code == 429
    assert "Too many wrong passwords for this account from your address" in locked.text
    assert "blocked for 15 minutes after the last attempt" in locked.text
    assert locked["Retry-After"] == "900"
    assert "Newsroom standards desk" in locked.text
    assert "nav-sidebar" not in locked.text

    # The right password from the locked-out address is refused too...
    refused = sign_in(client, PASSWORD, ATTACKER)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    # ...but the same user elsewhere is not locked out.
    other = Client()
    welcome = sign_in(other, PASSWORD, ELSEWHERE)
    assert welcome.status_code == 302
    assert welcome["Location"] == "/admin/"
    assert other.session["_auth_user_id"] == str(staff.pk)

    # Still locked at the attacker's address until the cool-off has passed.
    assert sign_in(client, PASSWORD, ATTACKER).status_code == 429


def test_the_right_password_works_again_after_the_cool_off(
    client: Client, staff: User
) -> None:
    """Once 15 minutes have passed since the last failure, the lock lifts."""
    for attempt in range(30):
        sign_in(client, f"guess {attempt}", ATTACKER)
    assert sign_in(client, PASSWORD, ATTACKER).status_code == 429

    # Move every recorded failure back past the cool-off instead of waiting.
    assert AccessAttempt.objects.filter(username="desk", ip_address=ATTACKER).exists()
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - timedelta(minutes=15, seconds=1)
    )
    response = sign_in(client, PASSWORD, ATTACKER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_cool_off_and_limit_come_from_the_environment() -> None:
    """LOGIN_FAILURE_LIMIT and LOGIN_COOLOFF_MINUTES set the lockout."""
    env = {**os.environ, "LOGIN_FAILURE_LIMIT": "5", "LOGIN_COOLOFF_MINUTES": "2.5"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s;"
            "print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["5", "0:02:30"]
