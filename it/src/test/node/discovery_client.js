// Node's googleapis, unchanged, against Tollgate's Discovery documents.
//
// Driven by it/.../GoogleClientLibrariesTest: reads its settings as JSON on stdin, builds clients for
// the sample APIs with google.discoverAPI, calls them with an API key and with an OAuth2 client
// holding an access token, and prints what it saw as one JSON object on stdout. Errors are the
// library's own (GaxiosError), with the status and Google's error body Tollgate answered.
'use strict';

const fs = require('fs');
const { google } = require('googleapis');

async function httpError(call) {
  try {
    await call();
    return null;
  } catch (e) {
    if (!e.response) {
      throw e;
    }
    return { type: e.constructor.name, status: e.response.status, body: e.response.data };
  }
}

async function main() {
  const settings = JSON.parse(fs.readFileSync(0, 'utf8'));
  const base = settings.baseUrl;
  const out = {};

  const posts = await google.discoverAPI(`${base}/discovery/v1/apis/posts/v1/rest`);
  const holder = new google.auth.OAuth2();
  holder.setCredentials({ access_token: settings.accessToken });
  const created = await posts.people.posts.insert({
    auth: holder,
    requestBody: { content: settings.content, visibility: 'public' },
  });
  out.created = created.data;

  const postsByKey = await google.discoverAPI(`${base}/posts/v1/$discovery/rest`);
  out.listedWithKey = (await postsByKey.people.posts.list({ userId: settings.robotEmail, auth: settings.key })).data;
  out.gotWithKey = (await postsByKey.posts.get({ postId: out.created.id, auth: settings.key })).data;
  out.listedWithToken = (await posts.people.posts.list({ userId: 'me', auth: holder })).data;

  const calendar = await google.discoverAPI(`${base}/discovery/v1/apis/calendar/v3/rest`);
  const calendarHolder = new google.auth.OAuth2();
  calendarHolder.setCredentials({ access_token: settings.calendarAccessToken });
  const event = (await calendar.events.insert({
    auth: calendarHolder,
    requestBody: { summary: 'standup', start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:15:00Z' },
  })).data;
  const listed = (await calendar.events.list({ auth: calendarHolder })).data;
  const deleted = await calendar.events.delete({ eventId: event.id, auth: calendarHolder });
  out.calendar = { inserted: event, listed, deletedStatus: deleted.status };

  out.errors = {
    missingPost: await httpError(() => postsByKey.posts.get({ postId: 'no-such-post', auth: settings.key })),
    insertWithKey: await httpError(() => postsByKey.people.posts.insert({ auth: settings.key, requestBody: { content: 'x' } })),
    emptyContent: await httpError(() => posts.people.posts.insert({ auth: holder, requestBody: { content: '' } })),
    badKey: await httpError(() => postsByKey.people.posts.list({ userId: settings.robotEmail, auth: 'tgk_not-a-key' })),
    unknownDocument: await httpError(() => google.discoverAPI(`${base}/discovery/v1/apis/nope/v1/rest`)),
  };
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
