package namaskah

// Version is this SDK's version, sent in the User-Agent. Stamped by scripts/stamp-version.mjs from
// sdks/VERSION; do not edit by hand.
const Version = "0.1.0"
