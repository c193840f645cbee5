package app.rebound.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Receiving providers from the data file: exact domains and "label.*" under any public suffix. */
class ReceivingProviderTest {
    static final String MICROSOFT = "Microsoft consumer (Outlook.com)";

    @Test
    void microsoftConsumerDomainsTogether() {
        for (String d : new String[] {"outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "live.fr",
                "msn.com"}) {
            assertEquals(Optional.of(MICROSOFT), ReceivingProvider.of(d), d);
        }
    }

    @Test
    void otherFamiliesAndUnlistedDomains() {
        assertEquals(Optional.of("Google (Gmail)"), ReceivingProvider.of("googlemail.com"));
        assertEquals(Optional.of("Yahoo"), ReceivingProvider.of("yahoo.co.jp"));
        assertEquals(Optional.of("Yahoo"), ReceivingProvider.of("aol.com"));
        assertEquals(Optional.empty(), ReceivingProvider.of("example.co.uk"));
        assertEquals(Optional.empty(), ReceivingProvider.of("outlook.example.org"), "only the registrable domain counts");
        assertEquals(Optional.empty(), ReceivingProvider.of(null));
        assertEquals("example.co.uk", ReceivingProvider.groupOf("example.co.uk", true));
        assertEquals("hotmail.de", ReceivingProvider.groupOf("hotmail.de", false));
        assertEquals(MICROSOFT, ReceivingProvider.groupOf("hotmail.de", true));
    }
}
