package dev.tollgate.core.key;

import java.net.InetAddress;

/**
 * Where a call claims to come from, as far as API key restrictions care. A null string means the
 * header was absent.
 *
 * @param clientAddress the client's address, after trusted proxies are looked through
 * @param referer the {@code Referer} header
 * @param androidPackage the {@code X-Android-Package} header
 * @param androidCert the {@code X-Android-Cert} header: the SHA-1 of the app's signing certificate
 * @param iosBundleId the {@code X-Ios-Bundle-Identifier} header
 */
public record CallOrigin(InetAddress clientAddress, String referer, String androidPackage, String androidCert,
                         String iosBundleId) {
}
