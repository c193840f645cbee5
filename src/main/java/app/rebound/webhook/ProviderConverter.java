package app.rebound.webhook;

import app.rebound.infra.LowerCaseEnumConverter;
import app.rebound.ingest.provider.Provider;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class ProviderConverter extends LowerCaseEnumConverter<Provider> {
    public ProviderConverter() {
        super(Provider.class);
    }
}
