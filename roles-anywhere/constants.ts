// Names of the service that several parts need to agree on.

/** The service principal that assumes roles (trust policies, notification settings). */
export const ROLES_ANYWHERE_SERVICE_PRINCIPAL = 'rolesanywhere.amazonaws.com';
