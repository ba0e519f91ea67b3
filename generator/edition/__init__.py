"""Annual editions: one fiscal year's document set of an organisation, its data, its frozen record (manifest),
its distribution zip, the change report between editions, and the signature fields of its PDFs."""
