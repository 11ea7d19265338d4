/** A typed client of Tollgate's admin API ({@code /admin/v1}), answering with the protocol's admin records. */
package dev.tollgate.client.admin;
