package app.rebound.tenant;

import app.rebound.infra.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class RoleConverter extends LowerCaseEnumConverter<Role> {
    public RoleConverter() {
        super(Role.class);
    }
}
