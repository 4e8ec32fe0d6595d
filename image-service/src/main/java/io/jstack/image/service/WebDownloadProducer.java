package io.jstack.image.service;

import io.jstack.image.service.webdownload.ImportFiltering;
import io.jstack.image.service.webdownload.WebDownload;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** web-download's filtering and fetcher, from the settings; a malformed allowed internal target stops start-up. */
public class WebDownloadProducer {

    @Produces
    @Singleton
    @Startup
    ImportFiltering filtering(ImageSettings settings) {
        ImageSettings.Imports.WebDownload w = settings.imports().webDownload();
        try {
            return new ImportFiltering(new ImportFiltering.Rules(ImportFiltering.orEmpty(w.allowedSchemes()),
                    ImportFiltering.orEmpty(w.disallowedSchemes()), ImportFiltering.orEmpty(w.allowedHosts()),
                    ImportFiltering.orEmpty(w.disallowedHosts()), w.allowedPorts().orElse(List.of()),
                    w.disallowedPorts().orElse(List.of()), ImportFiltering.orEmpty(w.allowedInternalTargets())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jstack.image.import.web-download: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    WebDownload webDownload(ImageSettings settings, ImportFiltering filtering) {
        ImageSettings.Imports.WebDownload w = settings.imports().webDownload();
        return new WebDownload(filtering, w.maxRedirects(), w.connectTimeout(), settings.transfer().idleTimeout());
    }
}
