/**
 * The admin API's resources ({@code /admin/v1}) as immutable records: the server renders them, the client
 * library and the command line read them, so all three share one wire format. {@link AdminJson} writes and
 * reads them exactly as they travel.
 */
package dev.tollgate.protocol.admin;
