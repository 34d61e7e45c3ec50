"""schemathesis hooks: authenticate as the admin that scripts/schemathesis.sh created.

Generated requests include `POST /auth/logout-all`, which ends every session of the caller; the
provider logs in again whenever a response is 401, so later operations are still exercised
with a valid token.
"""
import os

import requests
import schemathesis

EMAIL = "schemathesis@example.org"


@schemathesis.auth(retry_on=[401])
class AdminToken:
    def get(self, case, context):
        response = requests.post(
            f"{os.environ['MARCOTTAGE_URL']}/api/v1/auth/login",
            json={"email": EMAIL, "password": os.environ["SCHEMATHESIS_PASSWORD"]},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()["access_token"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
