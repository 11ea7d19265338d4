/**
 * Administering projects: creating and deleting them, enabling APIs, granting members their roles.
 * Above {@code project} (the projects and who may do what in them), since a member may be a person
 * or a service account and the administration checks which addresses each may have.
 */
package dev.tollgate.core.projectadmin;
