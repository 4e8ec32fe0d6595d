package io.jstack.image.service;

import io.jstack.image.model.Image;
import io.jstack.image.model.ImageProperty;
import io.jstack.image.model.ImageTag;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An image as the API shows it: the record, the custom properties the caller may read, and the tags. */
public record ImageDetails(Image image, Map<String, String> properties, List<String> tags) {

    /** Loads properties and tags of several images in two queries. */
    public static Uni<List<ImageDetails>> of(List<Image> images, Caller caller, PropertyProtections protections) {
        if (images.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = images.stream().map(i -> i.id).toList();
        return ImageProperty.<ImageProperty>list("imageId in ?1", ids).chain(props ->
                ImageTag.<ImageTag>list("imageId in ?1 order by value", ids).map(tags -> {
                    Map<String, Map<String, String>> propsById = new HashMap<>();
                    props.forEach(p -> propsById.computeIfAbsent(p.imageId, k -> new TreeMap<>()).put(p.name, p.value));
                    Map<String, List<String>> tagsById = new HashMap<>();
                    tags.forEach(t -> tagsById.computeIfAbsent(t.imageId, k -> new ArrayList<>()).add(t.value));
                    List<ImageDetails> out = new ArrayList<>(images.size());
                    for (Image i : images) {
                        out.add(new ImageDetails(i, protections.readable(caller,
                                propsById.getOrDefault(i.id, Map.of())), tagsById.getOrDefault(i.id, List.of())));
                    }
                    return out;
                }));
    }

    public static Uni<ImageDetails> of(Image image, Caller caller, PropertyProtections protections) {
        return of(List.of(image), caller, protections).map(l -> l.getFirst());
    }
}
