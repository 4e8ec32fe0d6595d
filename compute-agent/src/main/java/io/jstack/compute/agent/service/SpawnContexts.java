package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.compute.agent.virt.ImageSource;
import io.jstack.compute.agent.virt.SpawnContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** What a driver gets with a spawn: the image's source (with the request's credentials) and the config drive. */
@Singleton
public class SpawnContexts {

    @Inject
    AgentSettings settings;

    @Inject
    ImageDownloads images;

    public SpawnContext of(RequestContext context, InstanceSpec instance) {
        ImageSource image = instance.image() == null || instance.image().id() == null ? ImageSource.none()
                : images.source(context, instance.image().id());
        Map<String, byte[]> configDrive = ConfigDriveFiles.wanted(instance, settings.forceConfigDrive())
                ? ConfigDriveFiles.of(instance) : Map.of();
        return new SpawnContext(image, List.of(), configDrive);
    }
}
