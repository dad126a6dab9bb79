export const SESSION_COOKIE = 'clt_session';
