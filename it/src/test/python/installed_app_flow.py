"""Google's google-auth-oauthlib InstalledAppFlow, unchanged, against Tollgate.

Driven by it/.../GoogleInstalledAppFlowsTest: reads its settings as JSON on stdin (the path of the
client_secret.json Tollgate gave, the scopes, the API's base URL), runs the loopback flow on a free
port without opening a browser (the test's browser opens the URL the flow prints), then calls the
API with the credentials, refreshes them, calls it again (also through a client built from the
Discovery document), and prints what it saw as one JSON object
on the last line of stdout.

oauthlib refuses plain-http token endpoints unless OAUTHLIB_INSECURE_TRANSPORT=1, which the test
sets because its Tollgate listens on http://127.0.0.1.
"""
import json
import sys

from google.auth.transport.requests import AuthorizedSession, Request
from google_auth_oauthlib.flow import InstalledAppFlow
from googleapiclient import discovery


def main():
    settings = json.load(sys.stdin)
    # google-auth-oauthlib 1.x uses PKCE by default; Debian's 0.4 does when asked to.
    flow = InstalledAppFlow.from_client_secrets_file(settings["clientSecretFile"], scopes=settings["scopes"],
                                                     autogenerate_code_verifier=True)
    credentials = flow.run_local_server(port=0, open_browser=False)
    out = {"redirectUri": flow.redirect_uri, "hasRefreshToken": bool(credentials.refresh_token),
           "idToken": credentials.id_token}
    events_url = settings["baseUrl"] + "/calendar/v3/calendars/primary/events"
    session = AuthorizedSession(credentials)
    out["before"] = session.get(events_url).status_code
    first_token = credentials.token
    credentials.refresh(Request())
    out["refreshed"] = credentials.token != first_token
    out["after"] = session.get(events_url).status_code
    # The refreshed credentials in a client google-api-python-client builds from Tollgate's Discovery document.
    calendar = discovery.build("calendar", "v3", credentials=credentials, cache_discovery=False,
                               discoveryServiceUrl=settings["baseUrl"] + "/discovery/v1/apis/{api}/{apiVersion}/rest")
    out["events"] = calendar.events().list().execute()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
