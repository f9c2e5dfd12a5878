"""What a browser test watches for: every Content Security Policy violation the page meets."""

# Run before any script of the page: each violation is kept in ``window.__violations`` as
# "<directive> blocked <what> at <file>:<line>".
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""
