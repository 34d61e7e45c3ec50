"""The Python client's journey (scripts/clients/run.sh): a client generated from openapi.yaml by
openapi-python-client (package `marcottage_client`), against a live server at $MARCOTTAGE_URL.
docs/integrations.md shows this code."""

import os
import subprocess
import sys
import time
from http import HTTPStatus

from marcottage_client import AuthenticatedClient, Client
from marcottage_client.api.auth import login, register, verify_email
from marcottage_client.api.interests import express_interest, list_interests
from marcottage_client.api.matches import list_opportunity_matches
from marcottage_client.api.notifications import list_notifications
from marcottage_client.api.opportunities import create_opportunity
from marcottage_client.models import (
    Credentials,
    Direction,
    InterestBox,
    InterestReceivedNotification,
    InterestStatus,
    Lang,
    NewInterest,
    NewOpportunity,
    Opportunity,
    OpportunityCategory,
    OpportunityStatus,
    Registration,
    TargetKind,
    TargetRef,
    TokenPair,
    TokenRequest,
)

BASE_URL = os.environ["MARCOTTAGE_URL"]
RUN = format(int(time.time() * 1000), "x")
api = Client(base_url=BASE_URL, raise_on_unexpected_status=True)


def token_from_mail(address: str) -> str:
    """The member opening the e-mail (scripts/clients/mailbox.py reads the server's outbox)."""
    mailbox = os.environ["MARCOTTAGE_MAILBOX"]
    return subprocess.check_output([sys.executable, mailbox, address, "verify-email"], text=True).strip()


# --- Register, confirm the address, sign in ---------------------------------------------------
def sign_up(email: str, display_name: str) -> AuthenticatedClient:
    password = "mangues de Casamance 2026"
    registered = register.sync_detailed(
        client=api,
        body=Registration(email=email, password=password, display_name=display_name, locale=Lang.FR),
    )
    assert registered.status_code == HTTPStatus.ACCEPTED, registered.content

    verified = verify_email.sync_detailed(client=api, body=TokenRequest(token=token_from_mail(email)))
    assert verified.status_code == HTTPStatus.NO_CONTENT, verified.content

    tokens = login.sync(client=api, body=Credentials(email=email, password=password))
    assert isinstance(tokens, TokenPair), tokens
    return AuthenticatedClient(base_url=BASE_URL, token=tokens.access_token)


awa = sign_up(f"awa.{RUN}@example.sn", "Awa Diop")
moussa = sign_up(f"moussa.{RUN}@example.fr", "Moussa Sarr")

# --- Publish an opportunity -------------------------------------------------------------------
request = create_opportunity.sync(
    client=awa,
    idempotency_key=f"journey-{RUN}-request",
    body=NewOpportunity(
        direction=Direction.REQUEST,
        category=OpportunityCategory.TECHNICAL_PARTNERSHIP,
        title="Partenaire technique pour une unité de séchage de mangues",
        description="Nous cherchons qui maîtrise le séchage solaire pour former 40 productrices à Bignona.",
        sectors=["32161"],
        skills=["séchage", "énergie solaire"],
        country="SN",
        city="Bignona",
    ),
)
assert isinstance(request, Opportunity), request
assert request.status == OpportunityStatus.OPEN

# Moussa offers what Awa looks for.
offer = create_opportunity.sync(
    client=moussa,
    body=NewOpportunity(
        direction=Direction.OFFER,
        category=OpportunityCategory.TECHNICAL_PARTNERSHIP,
        title="Ingénieur en séchage solaire disponible pour la Casamance",
        description="Je dimensionne des séchoirs solaires et forme les équipes, en français ou en wolof.",
        sectors=["32161"],
        skills=["séchage", "énergie solaire"],
        country="SN",
        remote=True,
    ),
)
assert isinstance(offer, Opportunity), offer

# --- Read matches -----------------------------------------------------------------------------
matches = list_opportunity_matches.sync(client=awa, id=request.id, limit=5)
match = next(item for item in matches.items if item.opportunity.id == offer.id)
assert 0 < match.score <= 1
assert match.reasons

# --- Express interest, and the owner sees it ----------------------------------------------------
interest = express_interest.sync(
    client=moussa,
    body=NewInterest(
        target=TargetRef(kind=TargetKind.OPPORTUNITY, id=request.id),
        message="Bonjour Awa, je peux venir à Bignona en mars ; parlons-en.",
    ),
)
assert interest.status == InterestStatus.PENDING, interest

received = list_interests.sync(client=awa, box=InterestBox.RECEIVED)
assert any(item.id == interest.id for item in received.items)

# The owner is notified; the payload's type follows its kind.
notifications = list_notifications.sync(client=awa)
notice = next(item for item in notifications.items if isinstance(item, InterestReceivedNotification))
assert notice.payload.interest_id == interest.id

print("python client: journey complete")
