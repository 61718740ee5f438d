/** next-auth's session cookie names: the `__Secure-` one is used when the site is served over https. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;
