"""Google's google-api-python-client, unchanged, against Tollgate's Discovery documents.

Driven by it/.../GoogleClientLibrariesTest: reads its settings as JSON on stdin, builds clients for
the sample APIs from Tollgate's documents, calls them with an API key and with credentials, and
prints what it saw as one JSON object on stdout. Errors are the library's own HttpError.
"""
import json
import sys

import google.oauth2.credentials
from google.oauth2 import service_account
from googleapiclient import discovery
from googleapiclient.errors import HttpError


def build(settings, api, version, url_template, **auth):
    return discovery.build(api, version, discoveryServiceUrl=settings["baseUrl"] + url_template,
                           cache_discovery=False, **auth)


def http_error(call):
    try:
        call()
    except HttpError as e:
        return {"type": type(e).__name__, "status": e.resp.status, "body": json.loads(e.content.decode("utf-8"))}
    return None


def main():
    settings = json.load(sys.stdin)
    directory_url = "/discovery/v1/apis/{api}/{apiVersion}/rest"
    short_url = "/{api}/{apiVersion}/$discovery/rest"
    out = {}

    # A service account key file whose token_uri is Tollgate's; no scopes given, so the library asks
    # for every scope the Discovery document lists.
    robot = service_account.Credentials.from_service_account_info(settings["keyFile"])
    posts_robot = build(settings, "posts", "v1", directory_url, credentials=robot)
    out["created"] = posts_robot.people().posts().insert(
        body={"content": settings["content"], "visibility": "public"}).execute()
    # What the library scoped the key file's credentials to (the AuthorizedHttp it built holds them).
    out["robotScopes"] = sorted(posts_robot._http.credentials.scopes or [])

    # An API key, with the document from the API's own $discovery path.
    posts_key = build(settings, "posts", "v1", short_url, developerKey=settings["key"])
    out["listedWithKey"] = posts_key.people().posts().list(userId=settings["robotEmail"]).execute()
    out["gotWithKey"] = posts_key.posts().get(postId=out["created"]["id"]).execute()

    # An access token the caller already holds.
    holder = google.oauth2.credentials.Credentials(token=settings["accessToken"])
    posts_token = build(settings, "posts", "v1", directory_url, credentials=holder)
    out["privateCreated"] = posts_token.people().posts().insert(
        body={"content": settings["content"] + " (private)", "visibility": "private"}).execute()
    out["listedWithToken"] = posts_token.people().posts().list(userId="me").execute()

    # Calendar: insert, list and delete (204, no body) with the service account.
    calendar = build(settings, "calendar", "v3", directory_url,
                     credentials=service_account.Credentials.from_service_account_info(settings["keyFile"]))
    event = calendar.events().insert(body={"summary": "standup", "start": "2026-12-01T10:00:00Z",
                                           "end": "2026-12-01T10:15:00Z"}).execute()
    listed = calendar.events().list().execute()
    deleted = calendar.events().delete(eventId=event["id"]).execute()
    out["calendar"] = {"inserted": event, "listed": listed, "deleted": deleted}

    bad_key = build(settings, "posts", "v1", directory_url, developerKey="tgk_not-a-key")
    out["errors"] = {
        "missingPost": http_error(lambda: posts_key.posts().get(postId="no-such-post").execute()),
        "insertWithKey": http_error(lambda: posts_key.people().posts().insert(body={"content": "x"}).execute()),
        "emptyContent": http_error(lambda: posts_token.people().posts().insert(body={"content": ""}).execute()),
        "badKey": http_error(lambda: bad_key.people().posts().list(userId=settings["robotEmail"]).execute()),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
