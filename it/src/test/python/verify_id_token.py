"""google-auth's id_token.verify_token, unchanged, with Tollgate's certificate URL.

Driven by it/.../CertificatesTest: reads {"idToken", "audience", "certsUrl"} as JSON on stdin, prints
the verified claims, or {"error": ...} when verification fails, as one JSON object on stdout.
"""
import json
import sys

import google.auth.transport.requests
from google.oauth2 import id_token


def main():
    settings = json.load(sys.stdin)
    request = google.auth.transport.requests.Request()
    try:
        claims = id_token.verify_token(settings["idToken"], request, audience=settings["audience"],
                                       certs_url=settings["certsUrl"])
        print(json.dumps({"claims": claims}))
    except ValueError as e:
        print(json.dumps({"error": str(e)}))


if __name__ == "__main__":
    main()
