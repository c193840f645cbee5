package app.rebound.sending.web;

import app.rebound.sending.SendingSql;
import app.rebound.tenant.CurrentMember;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/**
 * Each retry of a soft bounce made for one subscriber, with its outcome and time, for the subscriber page (owned
 * by another stream): it includes {@code {#retryAttempts attempts=inject:retryAttempts.of(s.id) /}} with a one-line edit.
 */
@Named("retryAttempts")
@RequestScoped
public class RetryAttemptsPanel {
    static final int LIMIT = 50;
    private final SendingSql sql;
    private final CurrentMember member;

    public RetryAttemptsPanel(SendingSql sql, CurrentMember member) {
        this.sql = sql;
        this.member = member;
    }

    public List<SendingSql.Attempt> of(long subscriberId) {
        return sql.attemptsOf(member.currentTenantId(), subscriberId, LIMIT);
    }
}
