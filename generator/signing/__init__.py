"""Digital signatures: empty signature fields over each signature block, signing with a PKCS#12 certificate
(pyHanko), and reading back whether a PDF's signatures are valid."""
