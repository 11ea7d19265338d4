#!/usr/bin/env bash
# wrk on the token endpoints, Tollgate beside Keycloak, in one run on loopback. For each round and target:
# requests/s and the server's CPU per call (the whole JVM, user + system, from /proc).
#
# Tollgate (cli/target/tollgate-cli.jar, H2): a service account's JWT-bearer grant (one RS256 assertion,
# reused: Tollgate, like Google, keeps no jti), a web client's refresh grant (confidential clients keep
# their refresh token), RFC 7662 introspection of that client's access token (client_secret_basic) and
# Google's tokeninfo. The jwt-bearer warm-up and rounds leave tens of thousands of live tokens behind, so
# introspection and tokeninfo look one up among many.
# Keycloak (KEYCLOAK=1): the same kinds of call — client_credentials, refresh, introspection — on a realm
# made for the run, started with `kc.sh start-dev` (its embedded database).
#
#   ROUNDS            measured rounds, each target once per round (default 2)
#   WRK_ARGS          wrk options (default "-t2 -c32 -d15s")
#   WARMUP            wrk warm-up per target before the rounds (default 20s)
#   KEYCLOAK=1        measure Keycloak too: downloads org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip
#                     from Maven Central once into bench/target (never run in CI)
#   KEYCLOAK_VERSION  default 26.7.3; KEYCLOAK_JAVA_HOME: a JDK 21+ for it (default the Temurin 25 under /usr/lib/jvm)
#   ONLY              a regular expression: only the targets whose name matches (e.g. "jwt-bearer|client_creds")
#   JAVA_OPTS         Tollgate's JVM options (default -Xms512m -Xmx512m; Keycloak gets the same heap)
#   POSTGRES=1        Tollgate on PostgreSQL instead of its embedded H2: a database tollgate_bench, made afresh with
#                     psql on 127.0.0.1:5432 as $PGUSER (default postgres)
#   PROFILE           a file: async-profiler (tools.profiler:async-profiler from Maven Central) samples Tollgate's CPU
#                     from start to exit and writes collapsed stacks there (as in run-proxy-compare.sh)
# Needs wrk, curl, openssl and python3 (JSON), and a built jar (mvn -B -q -DskipTests -pl cli -am package).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=profiler.sh
. "$root/bench/profiler.sh"
jar="$root/cli/target/tollgate-cli.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests -pl cli -am package" >&2; exit 1; }
for tool in wrk curl openssl python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
rounds=${ROUNDS:-2}
wrk_args=${WRK_ARGS:-"-t2 -c32 -d15s"}
heap=${JAVA_OPTS:--Xms512m -Xmx512m}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
await() { # url seconds
  for _ in $(seq 1 "$2"); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done
  echo "$1 did not answer in $2 s" >&2; return 1
}
post_lua() { # file body [basic-auth]
  cat >"$1" <<LUA
wrk.method = "POST"
wrk.body = "$2"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
  if [ -n "${3:-}" ]; then printf 'wrk.headers["Authorization"] = "Basic %s"\n' "$3" >>"$1"; fi
}

# --- Tollgate -------------------------------------------------------------------------------------
tg=http://127.0.0.1:18090
cat >"$work/catalog.yaml" <<CONF
apis:
  - name: bench
    version: v1
    title: Bench API
    backend: http://127.0.0.1:1/unused
    scopes: [{name: bench, description: Bench}]
    methods:
      - {id: bench.get, http: GET, path: "/things/{thing}", access: either, scopes: [bench]}
CONF
if [ -n "${POSTGRES:-}" ]; then
  pg_user=${PGUSER:-postgres}
  psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c 'SET client_min_messages = warning' \
    -c 'DROP DATABASE IF EXISTS tollgate_bench' -c 'CREATE DATABASE tollgate_bench' >/dev/null
  export TOLLGATE_DB_URL=jdbc:postgresql://127.0.0.1:5432/tollgate_bench TOLLGATE_DB_USER=$pg_user
fi
agent=$(profiler_agent "$work" "${PROFILE:-}")
# shellcheck disable=SC2086
java $heap $agent -jar "$jar" serve --port 18090 --host 127.0.0.1 --data "$work/data" --config "$work/catalog.yaml" >"$work/tollgate.out" 2>&1 &
tollgate_pid=$!
pids+=("$tollgate_pid")
for _ in $(seq 1 60); do grep -q 'Tollgate ready' "$work/tollgate.out" && break; sleep 1; done
grep -q 'Tollgate ready' "$work/tollgate.out" || { cat "$work/tollgate.out" >&2; exit 1; }
admin_token=$(java -jar "$jar" print-token --key-file "$work/data/admin-service-account.json" | tail -1)
admin() { curl -sf -X "$1" -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' "$tg/admin/v1$2" ${3:+-d "$3"}; }
admin POST /projects '{"projectId":"bench-p"}' >/dev/null
admin POST /projects/bench-p/services/bench/enable >/dev/null

# A service account's key file, and one assertion for it (valid one hour).
robot=$(admin POST /projects/bench-p/serviceAccounts '{"accountId":"bench-robot"}' | json 'd["email"]')
admin POST "/projects/bench-p/serviceAccounts/$robot/keys" '{}' \
  | json 'd["privateKeyData"]' | openssl base64 -d -A >"$work/sa.json"
json 'd["private_key"]' <"$work/sa.json" >"$work/sa.pem"
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"%s"}' "$(json 'd["private_key_id"]' <"$work/sa.json")" | b64url)
claims=$(printf '{"iss":"%s","scope":"bench","aud":"%s","iat":%d,"exp":%d}' "$(json 'd["client_email"]' <"$work/sa.json")" \
  "$(json 'd["token_uri"]' <"$work/sa.json")" "$now" $((now + 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/sa.pem" -binary | b64url)
assertion="$header.$claims.$signature"
curl -sf "$tg/token" -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=$assertion" >/dev/null \
  || { echo "Tollgate refused the JWT-bearer assertion" >&2; exit 1; }
post_lua "$work/tg-jwt.lua" "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=$assertion"

# A person, a web client, and its refresh token by the authorization code flow, as a browser would.
admin POST /users '{"email":"bench@example.com","password":"bench-password-1","emailVerified":true}' >/dev/null
admin POST /projects/bench-p/oauthClients '{"type":"web","displayName":"Bench","redirectUris":["https://app.example/cb"]}' >"$work/client.json"
client_id=$(json 'd["clientId"]' <"$work/client.json")
client_secret=$(json 'd["clientSecret"]' <"$work/client.json")
csrf() { sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1; }
cookies="$work/cookies"
token_csrf=$(curl -sf -c "$cookies" -b "$cookies" "$tg/signin" | csrf)
curl -sf -o /dev/null -c "$cookies" -b "$cookies" "$tg/signin" --data-urlencode "csrf_token=$token_csrf" \
  --data-urlencode email=bench@example.com --data-urlencode password=bench-password-1 --data-urlencode continue=/
auth="$tg/o/oauth2/v2/auth?client_id=$client_id&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code&scope=bench&access_type=offline&state=s1"
consent=$(curl -sf -c "$cookies" -b "$cookies" "$auth")
action=$(sed -n 's/.*<form method="post" action="\([^"]*\)".*/\1/p' <<<"$consent" | head -1 | sed 's/&amp;/\&/g')
location=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$cookies" -b "$cookies" "$tg$action" \
  --data-urlencode "csrf_token=$(csrf <<<"$consent")" --data-urlencode decision=allow)
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
[ -n "$code" ] || { echo "no authorization code (consent answered: $location)" >&2; exit 1; }
curl -sf "$tg/token" -d "grant_type=authorization_code&code=$code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb" \
  -u "$client_id:$client_secret" >"$work/tokens.json"
refresh_token=$(json 'd["refresh_token"]' <"$work/tokens.json")
access_token=$(json 'd["access_token"]' <"$work/tokens.json")
basic=$(printf '%s:%s' "$client_id" "$client_secret" | openssl base64 -A)
post_lua "$work/tg-refresh.lua" "grant_type=refresh_token&refresh_token=$refresh_token" "$basic"
post_lua "$work/tg-introspect.lua" "token=$access_token" "$basic"

# --- Keycloak -------------------------------------------------------------------------------------
if [ -n "${KEYCLOAK:-}" ]; then
  kc_version=${KEYCLOAK_VERSION:-26.7.3}
  kc_home="$root/bench/target/keycloak-$kc_version"
  if [ ! -x "$kc_home/bin/kc.sh" ]; then
    echo "Downloading Keycloak $kc_version from Maven Central…" >&2
    mvn -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$kc_version:zip" -DoutputDirectory="$root/bench/target" >&2
    (cd "$root/bench/target" && unzip -q -o "keycloak-quarkus-dist-$kc_version.zip" && rm "keycloak-quarkus-dist-$kc_version.zip")
  fi
  kc=http://127.0.0.1:18180
  rm -rf "$kc_home/data" # start-dev's database: each run makes its realm afresh
  JAVA_HOME=${KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} JAVA_OPTS_KC_HEAP="$heap" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$kc_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=18180 --db-url-properties=";NON_KEYWORDS=VALUE" >"$work/keycloak.out" 2>&1 &
  pids+=("$!")
  await "$kc/realms/master" 120
  keycloak_pid=$(pgrep -f "kc.home.dir=$kc_home" | head -1)
  kc_admin=$(curl -sf "$kc/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
    -d username=admin -d password=admin | json 'd["access_token"]')
  kcadm() { curl -sf -X "$1" -H "Authorization: Bearer $kc_admin" -H 'Content-Type: application/json' "$kc/admin$2" ${3:+-d "$3"}; }
  kcadm POST /realms '{"realm":"bench","enabled":true,"accessTokenLifespan":3600}'
  kcadm POST /realms/bench/clients '{"clientId":"bench","secret":"bench-secret","publicClient":false,
    "serviceAccountsEnabled":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false}'
  kcadm POST /realms/bench/users '{"username":"bench","email":"bench@example.com","firstName":"Bench","lastName":"Person",
    "enabled":true,"emailVerified":true,"credentials":[{"type":"password","value":"bench-password-1","temporary":false}]}'
  kc_token="$kc/realms/bench/protocol/openid-connect/token"
  curl -sf "$kc_token" -u bench:bench-secret -d grant_type=password -d username=bench -d password=bench-password-1 >"$work/kc-tokens.json"
  kc_basic=$(printf 'bench:bench-secret' | openssl base64 -A)
  post_lua "$work/kc-cc.lua" "grant_type=client_credentials" "$kc_basic"
  post_lua "$work/kc-refresh.lua" "grant_type=refresh_token&refresh_token=$(json 'd["refresh_token"]' <"$work/kc-tokens.json")" "$kc_basic"
  post_lua "$work/kc-introspect.lua" "token=$(json 'd["access_token"]' <"$work/kc-tokens.json")" "$kc_basic"
fi

# --- Runs -----------------------------------------------------------------------------------------
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
# With POSTGRES=1 Tollgate's figure adds PostgreSQL's CPU (every postgres process's, ended ones included through
# the postmaster's children-time fields): the database's work is part of what a token costs.
pg_ticks() {
  [ -n "${POSTGRES:-}" ] || { echo 0; return; }
  local t=0 p
  for p in $(pgrep -x postgres); do t=$((t + $(awk '{print $14+$15+$16+$17}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
run() { # name pid url [lua] [duration]
  [[ "$1" =~ ${ONLY:-.} ]] || return 0
  local name=$1 pid=$2 url=$3 lua=${4:-} args=$wrk_args before after out
  [ -n "${5:-}" ] && args="-t2 -c32 -d$5"
  local pg_before pg_after
  pg_before=$(pg_ticks)
  before=$(ticks "$pid")
  # shellcheck disable=SC2086
  out=$(wrk $args ${lua:+-s "$lua"} "$url")
  after=$(ticks "$pid")
  pg_after=$(pg_ticks)
  if [ "$pid" = "${tollgate_pid:-}" ]; then after=$((after + pg_after - pg_before)); fi
  [ -n "${5:-}" ] && return 0
  printf "%-24s %10s req/s   server CPU %8s µs/call   %s\n" "$name" "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
    "$(awk -v a="$after" -v b="$before" -v n="$(awk '/requests in/{print $1}' <<<"$out")" -v hz="$hz" 'BEGIN{printf "%.1f", (a-b)/hz*1e6/n}')" \
    "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)"
}
targets() { # mode: warm-up duration, or empty for a measured round
  run "tollgate jwt-bearer" "$tollgate_pid" "$tg/token" "$work/tg-jwt.lua" "$1"
  run "tollgate refresh" "$tollgate_pid" "$tg/token" "$work/tg-refresh.lua" "$1"
  run "tollgate introspect" "$tollgate_pid" "$tg/introspect" "$work/tg-introspect.lua" "$1"
  run "tollgate tokeninfo" "$tollgate_pid" "$tg/tokeninfo?access_token=$access_token" "" "$1"
  if [ -n "${KEYCLOAK:-}" ]; then
    run "keycloak client_creds" "$keycloak_pid" "$kc_token" "$work/kc-cc.lua" "$1"
    run "keycloak refresh" "$keycloak_pid" "$kc_token" "$work/kc-refresh.lua" "$1"
    run "keycloak introspect" "$keycloak_pid" "$kc_token/introspect" "$work/kc-introspect.lua" "$1"
  fi
}
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); wrk $wrk_args${KEYCLOAK:+; Keycloak $kc_version}; Tollgate on $([ -n "${POSTGRES:-}" ] && echo PostgreSQL || echo H2)"
targets "${WARMUP:-20s}"
for _ in $(seq 1 "$rounds"); do targets ""; done
