package app.rebound.crm.web;

import app.rebound.crm.CrmActivity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;

/** "Activity elsewhere" on the subscriber page: what CRMs reported for the address, newest first (current tenant). */
@Named("crmActivity")
@RequestScoped
public class ActivityElsewhere {
    public static final int SHOWN = 50;

    public List<CrmActivity> newestFor(String email) {
        return email == null ? List.of() : CrmActivity.newestFor(email, SHOWN);
    }
}
