"""A bearer-token authorization function for MLflow's basic-auth app, for the plugin's tests.

MLflow's server has no bearer authentication of its own; its basic-auth app delegates the question "who is this?" to
the function named by `authorization_function` in the ini file of MLFLOW_AUTH_CONFIG_PATH, which returns either a
werkzeug Authorization (the request is that user's) or a Response (the request is refused). This one accepts
`Authorization: Bearer <token>` for the single token in ML_TEST_BEARER_TOKEN and maps it to the user in
ML_TEST_BEARER_USER (the admin user of the ini file), the way a gateway or an identity provider's token would be
mapped; anything else is answered 401 with a Bearer challenge.
"""

import hmac
import os

from flask import Response, request
from werkzeug.datastructures import Authorization


def authenticate_bearer():
    expected = os.environ.get("ML_TEST_BEARER_TOKEN", "")
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    # compare_digest: the time taken does not tell how much of a guessed token was right
    if expected and scheme.lower() == "bearer" and hmac.compare_digest(token.strip(), expected):
        return Authorization("bearer", {"username": os.environ["ML_TEST_BEARER_USER"]})
    return Response(
        "A valid bearer token is required.",
        status=401,
        headers={"WWW-Authenticate": 'Bearer realm="mlflow"'},
    )
