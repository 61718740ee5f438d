// Vitest runs server modules directly in Node, where `server-only`'s guard (which throws
// unless a bundler resolves the "react-server" condition) has nothing to protect.
export {};
