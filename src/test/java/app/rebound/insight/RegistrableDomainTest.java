package app.rebound.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.ingest.RecipientDomain;
import org.junit.jupiter.api.Test;

/** The grouping key the domain report uses: public suffix + 1, from the Public Suffix List (Guava). */
class RegistrableDomainTest {
    @Test
    void multiLabelPublicSuffixesKeepTheOwnerLabel() {
        assertEquals("example.co.uk", RecipientDomain.of("ann@mail.example.co.uk"));
        assertEquals("example.co.uk", RecipientDomain.of("bob@example.co.uk"));
        assertEquals("other.co.uk", RecipientDomain.of("cy@other.co.uk"), "not lumped into co.uk");
        assertEquals("shop.com.au", RecipientDomain.of("d@mx.eu.shop.com.au"));
        assertEquals("school.pvt.k12.ma.us", RecipientDomain.of("e@mail.school.pvt.k12.ma.us"), "four-label suffix");
    }

    @Test
    void privateSuffixesSeparateTheirCustomers() {
        assertEquals("alice.github.io", RecipientDomain.of("a@alice.github.io"));
        assertEquals("bob.github.io", RecipientDomain.of("b@mail.bob.github.io"));
        assertEquals("someone.blogspot.com", RecipientDomain.of("c@someone.blogspot.com"));
    }

    @Test
    void caseAndTrailingDotDoNotSplitAGroup() {
        assertEquals("example.co.uk", RecipientDomain.of("Ann@MAIL.Example.CO.UK."));
        assertEquals("gmail.com", RecipientDomain.of("x@gmail.com"));
    }
}
