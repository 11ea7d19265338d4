package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every grant path, in every order of steps: nothing issued before a grant's removal outlives it. */
class GrantsStayRemovedTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final String alice = InMemoryOAuth.ALICE.userId();

    private TokenResponse redeem(InMemoryOAuth.IssuedCode code) throws OAuthException {
        return oauth.codeGrant.redeem(new TokenRequest.AuthorizationCode(oauth.appAuth(), code.code(), InMemoryOAuth.REDIRECT,
                Optional.of(code.verifier())));
    }

    private TokenResponse refresh(String refreshToken) throws OAuthException {
        return oauth.refreshGrant.refresh(new TokenRequest.RefreshToken(oauth.appAuth(), refreshToken, Optional.empty()));
    }

    private String approvedDevice() throws OAuthException {
        var started = oauth.deviceFlow.start(oauth.appAuth(), dev.tollgate.protocol.Scopes.parse("calendar"));
        assertThat(oauth.deviceFlow.decide(started.userCode(), InMemoryOAuth.ALICE, true)).isTrue();
        return started.deviceCode();
    }

    private TokenResponse poll(String deviceCode) throws OAuthException {
        return oauth.deviceFlow.poll(new TokenRequest.DeviceCode(oauth.appAuth(), deviceCode));
    }

    private void removeOnPermissionsPage() {
        assertThat(oauth.permissions.remove(alice, oauth.app.clientId())).isTrue();
    }

    private static void assertInvalidGrant(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_GRANT));
    }

    private void assertNoLiveTokens() {
        assertThat(oauth.everyTokenOfTheAppIsRevoked(alice)).isTrue();
        assertThat(oauth.refreshRows.values()).allMatch(RefreshTokenRecord::revoked);
        assertThat(oauth.permissions.list(alice)).isEmpty();
    }

    @Test
    void codeIssuedThenAppRemovedThenRedeemedIsInvalidGrantAndRevivesNothing() {
        var code = oauth.consent("calendar");
        removeOnPermissionsPage();
        assertInvalidGrant(() -> redeem(code));
        assertThat(oauth.everyTokenOfTheAppIsRevoked(alice)).isTrue();
        assertThat(oauth.grants.find(alice, oauth.app.clientId())).isEmpty();
    }

    @Test
    void codeIssuedThenAppRemovedThenConsentAgainThenTheOldCodeStaysRefusedAndTheNewOneWorks() throws Exception {
        var old = oauth.consent("calendar");
        removeOnPermissionsPage();
        var fresh = oauth.consent("calendar");
        assertInvalidGrant(() -> redeem(old));
        TokenResponse tokens = redeem(fresh);
        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(refresh(tokens.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void deviceApprovedThenAppRemovedThenPolledIsInvalidGrantEvenAfterConsentingAgain() throws Exception {
        String device = approvedDevice();
        removeOnPermissionsPage();
        oauth.consent("calendar");
        assertInvalidGrant(() -> poll(device));
        assertThat(oauth.everyTokenOfTheAppIsRevoked(alice)).isTrue();
        assertThat(poll(approvedDevice()).accessToken()).isNotBlank();
    }

    @Test
    void refreshAfterRemovalIsInvalidGrantEvenIfTheTokenEscapedRevocation() throws Exception {
        TokenResponse tokens = redeem(oauth.consent("calendar"));
        removeOnPermissionsPage();
        // Undo the revocation, as a lost write or a token minted concurrently would: the generation still holds.
        oauth.refreshRows.replaceAll((h, t) -> new RefreshTokenRecord(t.tokenHash(), t.familyId(), t.userId(), t.email(), t.clientId(),
                t.projectId(), t.scopes(), t.createTime(), t.lastUsedTime(), false, false, t.nonce(), t.authTime()));
        oauth.consent("calendar");
        assertInvalidGrant(() -> refresh(tokens.refreshToken()));
    }

    @Test
    void revokingARefreshTokenEndsCodesAndDeviceApprovalsIssuedBeforeForTheSameGrant() throws Exception {
        TokenResponse tokens = redeem(oauth.consent("calendar"));
        var pendingCode = oauth.consent("calendar");
        String device = approvedDevice();
        oauth.inspection.revoke(new ClientAuth.Absent(), tokens.refreshToken());
        assertInvalidGrant(() -> redeem(pendingCode));
        assertInvalidGrant(() -> poll(device));
        assertNoLiveTokens();
    }

    @Test
    void revokingAnAccessTokenAsTheClientEndsTheGrantToo() throws Exception {
        TokenResponse tokens = redeem(oauth.consent("calendar"));
        var pendingCode = oauth.consent("calendar");
        oauth.inspection.revoke(oauth.appAuth(), tokens.accessToken());
        assertInvalidGrant(() -> redeem(pendingCode));
        assertInvalidGrant(() -> refresh(tokens.refreshToken()));
        assertNoLiveTokens();
    }

    @Test
    void deletingTheClientEndsItsCodesAndDeviceApprovals() throws Exception {
        var code = oauth.consent("calendar");
        String device = approvedDevice();
        TokenResponse tokens = redeem(oauth.consent("calendar"));
        oauth.clientService.delete(new dev.tollgate.core.principal.Principal.Person("owner", "owner@example.com"), InMemoryOAuth.PROJECT,
                oauth.app.clientId());
        for (ThrowingCallable call : new ThrowingCallable[] {() -> redeem(code), () -> poll(device), () -> refresh(tokens.refreshToken())}) {
            assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
        }
        assertThat(oauth.everyTokenOfTheAppIsRevoked(alice)).isTrue();
    }

    @Test
    void removalWhileACodeIsBeingRedeemedRevokesWhatWasMinted() {
        var code = oauth.consent("calendar");
        oauth.duringTouch = () -> {
            oauth.duringTouch = () -> { };
            removeOnPermissionsPage();
        };
        assertInvalidGrant(() -> redeem(code));
        assertNoLiveTokens();
    }

    @Test
    void removalWhileADeviceIsBeingAnsweredRevokesWhatWasMinted() throws Exception {
        String device = approvedDevice();
        oauth.duringTouch = () -> {
            oauth.duringTouch = () -> { };
            removeOnPermissionsPage();
        };
        assertInvalidGrant(() -> poll(device));
        assertNoLiveTokens();
    }

    @Test
    void removalWhileARefreshIsBeingAnsweredRevokesWhatWasMinted() throws Exception {
        TokenResponse tokens = redeem(oauth.consent("calendar"));
        oauth.duringTouch = () -> {
            oauth.duringTouch = () -> { };
            removeOnPermissionsPage();
        };
        assertInvalidGrant(() -> refresh(tokens.refreshToken()));
        assertNoLiveTokens();
    }

    @Test
    void growingAGrantKeepsItsGenerationSoEarlierCodesStillWork() throws Exception {
        var first = oauth.consent("calendar.readonly");
        var wider = oauth.consent("calendar");
        oauth.clock.advance(Duration.ofMinutes(1));
        assertThat(redeem(first).accessToken()).isNotBlank();
        assertThat(redeem(wider).accessToken()).isNotBlank();
    }

    @Test
    void artefactsIssuedBeforeGenerationsWereKeptStillWorkUntilTheGrantIsRemoved() throws Exception {
        var code = oauth.consent("calendar");
        var later = oauth.consent("calendar");
        oauth.artifactRows.clear();
        TokenResponse tokens = redeem(code);
        oauth.artifactRows.clear();
        assertThat(refresh(tokens.refreshToken()).accessToken()).isNotBlank();
        removeOnPermissionsPage();
        oauth.artifactRows.clear();
        assertInvalidGrant(() -> redeem(later));
    }

    @Test
    void anotherPersonsGrantToTheSameAppIsUntouched() throws Exception {
        var code = oauth.consent("calendar");
        oauth.generationRepository.advance("bob-id", oauth.app.clientId());
        assertThat(redeem(code).accessToken()).isNotBlank();
    }
}
