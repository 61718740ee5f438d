/**
 * A courier (or admin) created in the console gets a temporary password and must choose their
 * own at first login. The flag lives on the user (users.must_change_password) and is copied into
 * the session record at login; until it is cleared, sessionFromToken counts the session as none
 * everywhere (pages, actions, route handlers), except for the password change (authAction with
 * `pendingPassword: "allow"`) and the page that holds it. Pages send such a session here.
 */
export const FIRST_PASSWORD_PATH = "/account/password";
