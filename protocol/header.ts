/** The request header that carries an elevated access token (Dynamic's name for it). */
export const ELEVATED_TOKEN_HEADER = 'x-dyn-elevated-access-token';
