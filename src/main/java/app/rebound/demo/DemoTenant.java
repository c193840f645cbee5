package app.rebound.demo;

import app.rebound.sendingserver.RetryPolicy;
import app.rebound.sendingserver.TlsMode;
import app.rebound.tenant.Role;
import java.util.List;

/** What one demo tenant consists of, before any subscriber or bounce is generated. */
record DemoTenant(String id, String name, long seed, String fromDomain, List<Member> members, List<ListSpec> lists,
        List<ServerSpec> servers, List<CampaignSpec> campaigns) {

    record Member(String subject, String email, String displayName, Role role) {
    }

    record ListSpec(String name, int size) {
    }

    /** {@code ip} is the server's outbound address as receivers quote it (documentation ranges only). */
    record ServerSpec(String name, String host, int port, TlsMode tls, String username, String password,
            String returnPathDomain, RetryPolicy retryPolicy, String ip) {
    }

    /** Sent {@code daysAgo} days before today at {@code hour}:{@code minute} UTC. */
    record CampaignSpec(String name, String subject, int list, int server, int daysAgo, int hour, int minute,
            double bounceRate) {
    }

    /**
     * The same tenant under another id (and return-path domains of its own): tests seed copies so they never depend
     * on the real demo tenants.
     */
    DemoTenant withId(String newId) {
        // Each return-path domain belongs to exactly one tenant: a copy gets its own (a subdomain named after it).
        List<ServerSpec> own = servers.stream().map(s -> new ServerSpec(s.name(), s.host(), s.port(), s.tls(), s.username(),
                s.password(), newId + "." + s.returnPathDomain(), s.retryPolicy(), s.ip())).toList();
        return new DemoTenant(newId, name, seed, fromDomain, members, lists, own, campaigns);
    }

    static final DemoTenant ACME = new DemoTenant("acme", "Acme Outdoor Co.", 20_261_128_001L, "acmeoutdoor.example",
            List.of(new Member("alice", "alice@acmeoutdoor.example", "Alice Andersen", Role.ADMIN),
                    new Member("bob", "bob@acmeoutdoor.example", "Bob Brennan", Role.MARKETER),
                    new Member("carol", "carol@acmeoutdoor.example", "Carol Castillo", Role.SUPPORT)),
            List.of(new ListSpec("Outdoor Newsletter", 2_400), new ListSpec("Trail Club Members", 1_000)),
            List.of(new ServerSpec("Amazon SES (eu-west-1)", "email-smtp.eu-west-1.amazonaws.com", 587, TlsMode.STARTTLS,
                            "AKIADEMO7EXAMPLE2KEY", "demo-only-not-a-real-secret", "bounces.acmeoutdoor.example",
                            RetryPolicy.DEFAULT, "198.51.100.23"),
                    new ServerSpec("Postfix relay (in-house)", "mta1.acmeoutdoor.example", 25, TlsMode.NONE, null, null,
                            "mta.acmeoutdoor.example", RetryPolicy.CONSERVATIVE, "203.0.113.45"),
                    new ServerSpec("Mailgun (club mailings)", "smtp.mailgun.org", 465, TlsMode.TLS,
                            "postmaster@mg.acmeoutdoor.example", "demo-only-not-a-real-secret",
                            "mg.acmeoutdoor.example", RetryPolicy.AGGRESSIVE, "198.51.100.87")),
            List.of(new CampaignSpec("Autumn Trail Guide", "Your autumn trail guide is here", 0, 0, 58, 8, 30, 0.17),
                    new CampaignSpec("Trail Club: October Meetup", "Join us at Eagle Ridge on Saturday", 1, 2, 50, 17, 0, 0.2),
                    new CampaignSpec("Tent Sale: 20% Off", "20% off every tent, this week only", 0, 0, 41, 9, 15, 0.16),
                    new CampaignSpec("Winter Layering 101", "Stay warm: the three-layer rule", 0, 1, 29, 7, 45, 0.14),
                    new CampaignSpec("Trail Club: Snowshoe Weekend", "Snowshoe weekend, spots are limited", 1, 2, 17, 16, 30, 0.18),
                    new CampaignSpec("Black Friday Early Access", "Early access: Black Friday starts now", 0, 0, 3, 6, 0, 0.15)));

    static final DemoTenant GLOBEX = new DemoTenant("globex", "Globex Media", 20_261_128_002L, "globexmedia.example",
            List.of(new Member("dave", "dave@globexmedia.example", "Dave Dimitriou", Role.ADMIN),
                    new Member("erin", "erin@globexmedia.example", "Erin Eastwood", Role.SUPPORT),
                    new Member("alice", "alice@acmeoutdoor.example", "Alice Andersen", Role.MARKETER)),
            List.of(new ListSpec("The Daily Briefing", 2_200), new ListSpec("Weekend Longreads", 1_000),
                    new ListSpec("Press & Partners", 300)),
            List.of(new ServerSpec("SendGrid", "smtp.sendgrid.net", 587, TlsMode.STARTTLS, "apikey",
                            "demo-only-not-a-real-secret", "em.globexmedia.example", RetryPolicy.DEFAULT, "198.51.100.140"),
                    new ServerSpec("Globex MTA cluster", "mta.globexmedia.example", 465, TlsMode.TLS, "rebound",
                            "demo-only-not-a-real-secret", "bounce.globexmedia.example", RetryPolicy.AGGRESSIVE,
                            "203.0.113.12"),
                    new ServerSpec("Legacy relay", "relay.globexmedia.example", 25, TlsMode.NONE, null, null,
                            "relay.globexmedia.example", RetryPolicy.CONSERVATIVE, "203.0.113.200")),
            List.of(new CampaignSpec("Daily Briefing: Oct 1", "Markets, rates and the week ahead", 0, 0, 59, 6, 0, 0.16),
                    new CampaignSpec("Weekend Longreads #41", "The town that banned cars", 1, 1, 52, 9, 0, 0.2),
                    new CampaignSpec("Press Kit: Q3 Results", "Globex Media Q3 results and press kit", 2, 2, 45, 14, 0, 0.2),
                    new CampaignSpec("Daily Briefing: Oct 20", "What the rate cut means for you", 0, 0, 39, 6, 0, 0.15),
                    new CampaignSpec("Weekend Longreads #44", "Inside the last analogue newsroom", 1, 1, 31, 9, 0, 0.18),
                    new CampaignSpec("Daily Briefing: Nov 12", "Election week: the final stretch", 0, 0, 16, 6, 0, 0.14),
                    new CampaignSpec("Election Night Special", "Live: results as they come in", 0, 1, 6, 20, 30, 0.16)));

    static final List<DemoTenant> ALL = List.of(ACME, GLOBEX);
}
