package app.rebound.tenant;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores roles as their lower-case codes, matching the SQL check constraint. */
@Converter(autoApply = true)
public class RoleConverter implements AttributeConverter<Role, String> {
    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.code();
    }

    @Override
    public Role convertToEntityAttribute(String code) {
        return code == null ? null : Role.fromCode(code);
    }
}
