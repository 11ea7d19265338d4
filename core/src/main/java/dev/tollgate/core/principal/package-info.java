/**
 * Who acts: a person or a service account, its name and kind, and the member string that grants it
 * a role. Depends on no other package of the domain, so that every part that checks who may do what
 * (keys, projects, quotas, OAuth, accounts) can name a principal without depending on the others.
 */
package dev.tollgate.core.principal;
