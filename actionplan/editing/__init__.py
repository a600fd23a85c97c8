"""Commands that write the editors' files (docs/, data/) or the forms they send out; never imported by the build."""
