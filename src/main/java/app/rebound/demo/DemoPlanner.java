package app.rebound.demo;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.demo.ReceiverReplies.Provider;
import app.rebound.demo.ReceiverReplies.Reply;
import app.rebound.subscriber.SubscriberStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Plans a tenant's whole history in memory: subscribers, campaigns in send order, and the bounces and
 * complaints each campaign drew. Campaigns only reach subscribers who had joined, had not unsubscribed and
 * had not been suppressed by then, so recipient counts and subscriber statuses agree with the bounce log.
 * Plain Java and one seeded {@link Random}: the same tenant and day always give the same data.
 */
final class DemoPlanner {

    record Person(int list, String email, Provider provider, Instant createdAt, Instant unsubscribeAt) {
    }

    static final class PlannedSubscriber {
        final Person person;
        SubscriberStatus status = SubscriberStatus.SUBSCRIBED;
        Instant statusChangedAt;
        String statusReason;
        Instant suppressedAt;

        PlannedSubscriber(Person person) {
            this.person = person;
            this.statusChangedAt = person.createdAt();
        }
    }

    record PlannedCampaign(DemoTenant.CampaignSpec spec, Instant sentAt, Instant createdAt, int recipients) {
    }

    record PlannedBounce(int campaign, int subscriber, BounceType type, String statusCode, Short replyCode,
            String reason, Fault fault, String diagnostic, Instant occurredAt, Instant recordedAt, String rawRef,
            String feedbackType) {
    }

    record Plan(DemoTenant tenant, Instant now, List<PlannedSubscriber> subscribers, List<PlannedCampaign> campaigns,
            List<PlannedBounce> bounces) {
    }

    private static final String[] FIRST = {"james", "mary", "john", "patricia", "robert", "jennifer", "michael",
        "linda", "david", "elizabeth", "william", "susan", "richard", "jessica", "joseph", "sarah", "thomas", "karen",
        "chris", "lisa", "daniel", "nancy", "matthew", "sandra", "anthony", "ashley", "mark", "emily", "paul", "emma",
        "steven", "olivia", "andrew", "sophie", "joshua", "chloe", "kevin", "hannah", "brian", "grace", "lukas",
        "lena", "jonas", "mia", "noah", "lea", "finn", "ana", "mateo", "lucia", "hugo", "ines", "liam", "aoife",
        "priya", "arjun", "wei", "mei", "kenji", "yuki", "omar", "leila", "sven", "ingrid", "pierre", "camille"};
    private static final String[] LAST = {"smith", "johnson", "williams", "brown", "jones", "garcia", "miller",
        "davis", "rodriguez", "martinez", "wilson", "anderson", "taylor", "thomas", "moore", "jackson", "martin",
        "lee", "thompson", "white", "harris", "clark", "lewis", "walker", "hall", "young", "allen", "king", "wright",
        "scott", "green", "baker", "adams", "nelson", "hill", "campbell", "mitchell", "roberts", "carter", "phillips",
        "evans", "turner", "parker", "collins", "edwards", "stewart", "morris", "murphy", "cook", "rogers", "muller",
        "schmidt", "fischer", "weber", "dubois", "moreau", "rossi", "russo", "kowalski", "nowak", "jensen",
        "hansen", "larsen", "oconnor", "kelly", "patel", "shah", "chen", "wang", "tanaka", "sato", "silva"};

    private static final Map<Provider, String[]> DOMAINS = new EnumMap<>(Provider.class);
    private static final Map<Provider, Integer> SHARE = new EnumMap<>(Provider.class);

    static {
        DOMAINS.put(Provider.GMAIL, new String[] {"gmail.com", "gmail.com", "gmail.com", "gmail.com", "googlemail.com"});
        DOMAINS.put(Provider.OUTLOOK_COM, new String[] {"outlook.com", "hotmail.com", "hotmail.com", "live.com",
            "hotmail.co.uk"});
        DOMAINS.put(Provider.EXCHANGE_ONLINE, new String[] {"contoso.com", "fabrikam.com", "northwindtraders.com",
            "adventure-works.com", "tailspintoys.com", "wingtiptoys.com"});
        DOMAINS.put(Provider.YAHOO, new String[] {"yahoo.com", "yahoo.com", "aol.com", "ymail.com", "yahoo.co.uk"});
        DOMAINS.put(Provider.ICLOUD, new String[] {"icloud.com", "icloud.com", "me.com", "mac.com"});
        DOMAINS.put(Provider.MIMECAST, new String[] {"initech.example", "umbrella-health.example",
            "sterling-partners.example"});
        DOMAINS.put(Provider.POSTFIX, new String[] {"pinecrest-school.example", "harborview-dental.example",
            "kestrelnet.example", "fjordmail.example", "alpenpost.example", "lakeside-library.example"});
        DOMAINS.put(Provider.DEAD_DOMAIN, new String[] {"gmial.com", "gmail.con", "hotmial.com", "yahooo.com",
            "outlok.com", "icloud.co"});
        SHARE.put(Provider.GMAIL, 40);
        SHARE.put(Provider.OUTLOOK_COM, 14);
        SHARE.put(Provider.EXCHANGE_ONLINE, 12);
        SHARE.put(Provider.YAHOO, 13);
        SHARE.put(Provider.ICLOUD, 8);
        SHARE.put(Provider.MIMECAST, 4);
        SHARE.put(Provider.POSTFIX, 8);
        SHARE.put(Provider.DEAD_DOMAIN, 1);
    }

    private DemoPlanner() {
    }

    /** {@code now} fixes "today"; the history is laid out in the ~60 days before it. */
    static Plan plan(DemoTenant tenant, Instant now) {
        Random rnd = new Random(tenant.seed());
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        List<PlannedSubscriber> subscribers = subscribers(tenant, now, rnd);

        List<DemoTenant.CampaignSpec> specs = new ArrayList<>(tenant.campaigns());
        specs.sort((a, b) -> Integer.compare(b.daysAgo(), a.daysAgo()));
        List<PlannedCampaign> campaigns = new ArrayList<>();
        List<PlannedBounce> bounces = new ArrayList<>();
        for (DemoTenant.CampaignSpec spec : specs) {
            Instant sentAt = today.minus(Duration.ofDays(spec.daysAgo())).plus(Duration.ofHours(spec.hour()))
                    .plus(Duration.ofMinutes(spec.minute()));
            List<Integer> recipients = recipients(subscribers, spec.list(), sentAt);
            int index = campaigns.size();
            campaigns.add(new PlannedCampaign(spec, sentAt, sentAt.minus(Duration.ofHours(20 + rnd.nextInt(60))),
                    recipients.size()));
            bounces.addAll(bouncesFor(tenant, index, spec, sentAt, now, recipients, subscribers, rnd));
        }
        for (PlannedSubscriber s : subscribers) {
            if (s.status == SubscriberStatus.SUBSCRIBED && s.person.unsubscribeAt() != null) {
                s.status = SubscriberStatus.UNSUBSCRIBED;
                s.statusChangedAt = s.person.unsubscribeAt();
                s.statusReason = "Unsubscribed via the List-Unsubscribe link";
            }
        }
        return new Plan(tenant, now, subscribers, campaigns, bounces);
    }

    private static List<PlannedSubscriber> subscribers(DemoTenant tenant, Instant now, Random rnd) {
        Set<String> taken = new HashSet<>();
        List<PlannedSubscriber> out = new ArrayList<>();
        for (int list = 0; list < tenant.lists().size(); list++) {
            for (int i = 0; i < tenant.lists().get(list).size(); i++) {
                Provider provider = provider(rnd);
                String[] domains = DOMAINS.get(provider);
                String email = uniqueEmail(rnd, domains[rnd.nextInt(domains.length)], taken);
                // Most joined before the first campaign; some (typos included) joined during the last 60 days.
                boolean recent = provider == Provider.DEAD_DOMAIN ? rnd.nextInt(3) > 0 : rnd.nextInt(100) < 4;
                long minutesAgo = recent ? 60L * 24 + rnd.nextInt(60 * 24 * 59) : 60L * 24 * 62 + rnd.nextInt(60 * 24 * 360);
                Instant created = now.minus(Duration.ofMinutes(minutesAgo));
                Instant unsubscribe = null;
                if (rnd.nextInt(100) < 3) {
                    Instant at = created.plus(Duration.ofMinutes(60L * 24 + rnd.nextInt(60 * 24 * 300)));
                    unsubscribe = at.isBefore(now) ? at : null;
                }
                out.add(new PlannedSubscriber(new Person(list, email, provider, created, unsubscribe)));
            }
        }
        return out;
    }

    private static Provider provider(Random rnd) {
        int n = rnd.nextInt(100);
        for (Map.Entry<Provider, Integer> e : SHARE.entrySet()) {
            n -= e.getValue();
            if (n < 0) {
                return e.getKey();
            }
        }
        return Provider.GMAIL;
    }

    private static String uniqueEmail(Random rnd, String domain, Set<String> taken) {
        String first = FIRST[rnd.nextInt(FIRST.length)];
        String last = LAST[rnd.nextInt(LAST.length)];
        String local = switch (rnd.nextInt(6)) {
            case 0 -> first + "." + last;
            case 1 -> first + last + (rnd.nextInt(90) + 10);
            case 2 -> first.charAt(0) + "." + last;
            case 3 -> first + "_" + last;
            case 4 -> first + "." + last + (1960 + rnd.nextInt(45));
            default -> first.charAt(0) + last;
        };
        String email = local + "@" + domain;
        for (int n = 2; !taken.add(email); n++) {
            email = local + n + "@" + domain;
        }
        return email;
    }

    private static List<Integer> recipients(List<PlannedSubscriber> subscribers, int list, Instant sentAt) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < subscribers.size(); i++) {
            PlannedSubscriber s = subscribers.get(i);
            Person p = s.person;
            if (p.list() == list && p.createdAt().isBefore(sentAt)
                    && (p.unsubscribeAt() == null || p.unsubscribeAt().isAfter(sentAt))
                    && (s.suppressedAt == null || s.suppressedAt.isAfter(sentAt))) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<PlannedBounce> bouncesFor(DemoTenant tenant, int campaign, DemoTenant.CampaignSpec spec,
            Instant sentAt, Instant now, List<Integer> recipients, List<PlannedSubscriber> subscribers, Random rnd) {
        DemoTenant.ServerSpec server = tenant.servers().get(spec.server());
        Map<Provider, List<Integer>> pools = new EnumMap<>(Provider.class);
        for (int i : recipients) {
            pools.computeIfAbsent(subscribers.get(i).person.provider(), k -> new ArrayList<>()).add(i);
        }
        pools.values().forEach(pool -> Collections.shuffle(pool, rnd));
        Set<Integer> hit = new HashSet<>();
        List<PlannedBounce> out = new ArrayList<>();
        int wanted = (int) Math.round(recipients.size() * spec.bounceRate());

        // A mistyped domain bounces every time; then one of each reply, so every campaign shows the whole range.
        for (int i : pools.getOrDefault(Provider.DEAD_DOMAIN, List.of())) {
            out.add(bounce(tenant, campaign, i, ReceiverReplies.of(Provider.DEAD_DOMAIN).get(0), server, sentAt, now,
                    subscribers, spec, rnd));
            hit.add(i);
        }
        for (Reply reply : ReceiverReplies.ALL) {
            Integer i = take(pools.get(reply.provider()), hit);
            if (i != null) {
                out.add(bounce(tenant, campaign, i, reply, server, sentAt, now, subscribers, spec, rnd));
            }
        }
        int attempts = 0;
        while (out.size() < wanted && attempts++ < wanted * 20) {
            int i = recipients.get(rnd.nextInt(recipients.size()));
            Provider p = subscribers.get(i).person.provider();
            if (p == Provider.DEAD_DOMAIN || !hit.add(i)) {
                continue;
            }
            out.add(bounce(tenant, campaign, i, ReceiverReplies.pick(p, rnd), server, sentAt, now, subscribers, spec, rnd));
        }
        // A few spam complaints through the Yahoo and Microsoft feedback loops.
        int complaints = 2 + rnd.nextInt(3);
        for (int c = 0; c < complaints; c++) {
            Provider p = rnd.nextBoolean() ? Provider.YAHOO : Provider.OUTLOOK_COM;
            Integer i = take(pools.get(p), hit);
            if (i != null) {
                out.add(complaint(tenant, campaign, i, p, server, sentAt, now, subscribers, spec, rnd));
            }
        }
        return out;
    }

    private static Integer take(List<Integer> pool, Set<Integer> hit) {
        if (pool == null) {
            return null;
        }
        for (Integer i : pool) {
            if (hit.add(i)) {
                return i;
            }
        }
        return null;
    }

    private static PlannedBounce bounce(DemoTenant tenant, int campaign, int subscriber, Reply reply,
            DemoTenant.ServerSpec server, Instant sentAt, Instant now, List<PlannedSubscriber> subscribers,
            DemoTenant.CampaignSpec spec, Random rnd) {
        PlannedSubscriber s = subscribers.get(subscriber);
        String email = s.person.email();
        String domain = email.substring(email.indexOf('@') + 1);
        // Permanent replies come within minutes of sending; deferrals end up in the log once the server's
        // retry policy gives up.
        long maxSeconds = reply.statusCode().startsWith("4") ? server.retryPolicy().giveUpAfter().toSeconds() : 40 * 60;
        Instant occurred = cap(sentAt.plusSeconds(5 + (long) (rnd.nextDouble() * maxSeconds)), sentAt, now, rnd);
        Map<String, String> values = new HashMap<>();
        values.put("rcpt", email);
        values.put("local", email.substring(0, email.indexOf('@')));
        values.put("domain", domain);
        values.put("ip", server.ip());
        values.put("fromDomain", tenant.fromDomain());
        values.put("returnPath", server.returnPathDomain());
        values.put("isoTime", DateTimeFormatter.ISO_INSTANT.format(occurred.truncatedTo(ChronoUnit.MILLIS)));
        String diagnostic = ReceiverReplies.render(reply, values, rnd);
        if (reply.suppresses() && s.status == SubscriberStatus.SUBSCRIBED) {
            s.status = SubscriberStatus.BOUNCED;
            s.statusChangedAt = occurred;
            s.suppressedAt = occurred;
            s.statusReason = "Hard bounce " + reply.statusCode() + " (" + reply.reason() + ") from campaign \""
                    + spec.name() + "\"";
        }
        return new PlannedBounce(campaign, subscriber, reply.type(), reply.statusCode(), reply.replyCode(),
                reply.reason(), reply.fault(), diagnostic, occurred, occurred.plusSeconds(2 + rnd.nextInt(90)),
                rawRef(rnd), null);
    }

    private static PlannedBounce complaint(DemoTenant tenant, int campaign, int subscriber, Provider provider,
            DemoTenant.ServerSpec server, Instant sentAt, Instant now, List<PlannedSubscriber> subscribers,
            DemoTenant.CampaignSpec spec, Random rnd) {
        PlannedSubscriber s = subscribers.get(subscriber);
        Instant occurred = cap(sentAt.plusSeconds(600 + rnd.nextInt(3 * 24 * 3600)), sentAt, now, rnd);
        boolean yahoo = provider == Provider.YAHOO;
        String arrival = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)
                .format(sentAt.plusSeconds(3 + rnd.nextInt(120)).atOffset(ZoneOffset.UTC));
        String feedbackType = "abuse";
        String diagnostic = "Feedback-Type: " + feedbackType + "\n"
                + "User-Agent: " + (yahoo ? "Yahoo!-Mail-Feedback/2.0" : "Microsoft Junk Mail Reporting Program") + "\n"
                + "Version: 1\n"
                + "Original-Mail-From: <bounces@" + server.returnPathDomain() + ">\n"
                + "Original-Rcpt-To: <" + s.person.email() + ">\n"
                + "Arrival-Date: " + arrival + "\n"
                + "Reported-Domain: " + tenant.fromDomain() + "\n"
                + "Source-IP: " + server.ip();
        if (s.status == SubscriberStatus.SUBSCRIBED) {
            s.status = SubscriberStatus.COMPLAINED;
            s.statusChangedAt = occurred;
            s.suppressedAt = occurred;
            s.statusReason = "Spam complaint via the " + (yahoo ? "Yahoo" : "Microsoft JMRP")
                    + " feedback loop for campaign \"" + spec.name() + "\"";
        }
        return new PlannedBounce(campaign, subscriber, BounceType.COMPLAINT, null, null, "feedback", Fault.RECIPIENT,
                diagnostic, occurred, occurred.plusSeconds(30 + rnd.nextInt(600)), rawRef(rnd), feedbackType);
    }

    /** Keeps a bounce in the past: one that would lie in the future lands somewhere between send and now. */
    private static Instant cap(Instant at, Instant sentAt, Instant now, Random rnd) {
        Instant latest = now.minusSeconds(60);
        if (!at.isAfter(latest) || !latest.isAfter(sentAt.plusSeconds(5))) {
            return at;
        }
        long span = Duration.between(sentAt, latest).toSeconds();
        return sentAt.plusSeconds(5 + (long) (rnd.nextDouble() * (span - 5)));
    }

    private static String rawRef(Random rnd) {
        long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return "demo:" + new UUID(msb, lsb);
    }
}
