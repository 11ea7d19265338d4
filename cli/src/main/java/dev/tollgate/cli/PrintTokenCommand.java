package dev.tollgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.ServiceAccountKeyFile;
import dev.tollgate.protocol.TokenRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code tollgate print-token}: a service account's access token, for scripts and curl (like gcloud's). */
@CommandLine.Command(name = "print-token", mixinStandardHelpOptions = true,
        description = "Exchange a service-account key file for an access token and print it.")
final class PrintTokenCommand implements Callable<Integer> {

    @Option(names = "--key-file", required = true, description = "A service-account key file (JSON).")
    Path keyFile;

    @Option(names = "--scope", split = ",", defaultValue = "admin", description = "Scopes, comma-separated (default admin).")
    List<String> scopes;

    @Override
    public Integer call() throws Exception {
        ServiceAccountKeyFile key = new ObjectMapper().readValue(Files.readString(keyFile), ServiceAccountKeyFile.class);
        if (!ServiceAccountKeyFile.TYPE.equals(key.type())) {
            System.err.println("tollgate: " + keyFile + " is not a service-account key file");
            return 2;
        }
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(key.clientEmail()).audience(key.tokenUri())
                .claim("scope", String.join(" ", scopes)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.privateKeyId()).build(), claims);
        jwt.sign(new RSASSASigner(privateKey(key.privateKey())));

        var request = new TokenRequest.JwtBearer(jwt.serialize(), Scopes.EMPTY);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(key.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(request.toForm()))).build(), HttpResponse.BodyHandlers.ofString());
        var body = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println("tollgate: " + body.path("error").asText() + ": " + body.path("error_description").asText());
            return 1;
        }
        System.out.println(body.get("access_token").asText());
        return 0;
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String form(Map<String, List<String>> form) {
        return form.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}
