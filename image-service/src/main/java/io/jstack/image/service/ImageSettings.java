package io.jstack.image.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The image service's settings ({@code jstack.image.*}); every default is documented in application.properties. */
@ConfigMapping(prefix = "jstack.image")
public interface ImageSettings {

    Store store();

    /** Where glance-direct keeps staged data until it is imported; by default {@code <store directory>/.staging}. */
    Optional<String> stagingDirectory();

    /** disk_format values accepted (Glance's defaults). */
    @WithDefault("ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop")
    List<String> diskFormats();

    /** container_format values accepted (Glance's defaults). */
    @WithDefault("ami,ari,aki,bare,ovf,ova,docker,compressed")
    List<String> containerFormats();

    /** The largest image accepted, as Glance's image_size_cap. */
    @WithDefault("1T")
    MemorySize imageSizeCap();

    /** The largest JSON request body; image data endpoints are exempt. */
    @WithDefault("112K")
    MemorySize maxJsonBodySize();

    Listing list();

    Quota quota();

    @WithName("import")
    Imports imports();

    Transfer transfer();

    /** An INI file of property protection rules (see the admin guide); unset means no protection. */
    Optional<String> propertyProtectionFile();

    /** {@code roles}: the rules list role names; {@code policies}: they name policy rules. */
    @WithDefault("roles")
    String propertyProtectionRuleFormat();

    interface Store {
        /** The store images are written to; {@code file} is the one implementation so far. */
        @WithDefault("file")
        String type();

        /** The filesystem store's directory (Glance's filesystem_store_datadir). */
        @WithDefault("/var/lib/jstack/images")
        String directory();
    }

    interface Listing {
        /** Page size when a list request gives no limit (Glance's limit_param_default). */
        @WithDefault("25")
        int defaultLimit();

        /** The largest page (Glance's api_limit_max). */
        @WithDefault("1000")
        int maxLimit();
    }

    interface Quota {
        /** Images a project may own; unset means no limit. */
        OptionalLong imageCount();

        /** Bytes of image data a project may store; unset means no limit. */
        Optional<MemorySize> imageSizeTotal();

        /** Members per image (Glance's image_member_quota). */
        @WithDefault("128")
        int imageMembers();

        /** Tags per image (Glance's image_tag_quota). */
        @WithDefault("128")
        int imageTags();

        /** Custom properties per image (Glance's image_property_quota). */
        @WithDefault("128")
        int imageProperties();

        /** Per-project overrides of the two limits above, by project id. */
        Map<String, ProjectQuota> projects();

        interface ProjectQuota {
            OptionalLong imageCount();

            Optional<MemorySize> imageSizeTotal();
        }
    }

    interface Imports {
        /** Import methods offered by /v2/images/{id}/import. */
        @WithDefault("glance-direct,web-download,glance-download,copy-image")
        List<String> methods();

        WebDownload webDownload();

        GlanceDownload glanceDownload();

        interface GlanceDownload {
            /** The custom properties copied from the remote image (Glance's glance_download_properties). */
            @WithDefault("hw_*,trait:*,os_distro,os_secure_boot,os_type")
            List<String> properties();
        }

        /**
         * web-download's targets. The first six are Glance's import filtering options
         * ({@code [import_filtering_opts]}), applied to the URL asked for and to every redirect: a non-empty
         * allowed list wins over its disallowed list. Then every address the host resolves to must be one
         * web-download may reach: loopback, link-local (the metadata service's 169.254.169.254), private,
         * unique-local, multicast, reserved and unspecified addresses are refused unless listed in
         * {@link #allowedInternalTargets()}.
         */
        interface WebDownload {
            /** URL schemes allowed (Glance's allowed_schemes); empty applies disallowed-schemes instead. */
            @WithDefault("http,https")
            Optional<List<String>> allowedSchemes();

            /** URL schemes refused when allowed-schemes is empty (Glance's disallowed_schemes). */
            Optional<List<String>> disallowedSchemes();

            /**
             * Host names or IP addresses allowed, as written in the URL (Glance's allowed_hosts); unset allows
             * any host that disallowed-hosts does not list.
             */
            Optional<List<String>> allowedHosts();

            /** Host names or IP addresses refused when allowed-hosts is unset (Glance's disallowed_hosts). */
            Optional<List<String>> disallowedHosts();

            /**
             * Ports allowed (Glance's allowed_ports, 80 and 443); a URL without a port uses its scheme's. Unset
             * applies disallowed-ports instead.
             */
            @WithDefault("80,443")
            Optional<List<Integer>> allowedPorts();

            /** Ports refused when allowed-ports is unset (Glance's disallowed_ports). */
            Optional<List<Integer>> disallowedPorts();

            /**
             * Internal addresses web-download may reach all the same, each {@code ADDRESS[/BITS][:PORT]} (IPv6
             * with a port: {@code [ADDRESS[/BITS]]:PORT}), for example {@code 127.0.0.1:80} for a test server or
             * {@code 10.1.0.0/16} for an internal mirror. Unset: none. A malformed entry stops the service at
             * start-up.
             */
            Optional<List<String>> allowedInternalTargets();

            /** Redirects followed, each checked as the first URL; one more fails the import. */
            @WithDefault("5")
            int maxRedirects();

            /** How long a web-download may wait to connect and for the remote server to answer. */
            @WithDefault("30s")
            Duration connectTimeout();
        }
    }

    interface Transfer {
        /** Image data moves in blocks of this size between the network, the hashers and the store. */
        @WithDefault("1M")
        MemorySize blockSize();

        /** Blocks in flight per transfer: bounds the memory an upload uses (blocks x block size). */
        @WithDefault("8")
        int blocks();

        /** An upload that receives nothing for this long fails and its image goes back to queued. */
        @WithDefault("5m")
        Duration idleTimeout();

        /** Uploads in progress mark their image this often, so a crashed replica's uploads can be found. */
        @WithDefault("30s")
        Duration heartbeat();

        /** An image saving or importing without a heartbeat for this long is reset to queued. */
        @WithDefault("3m")
        Duration staleAfter();
    }
}
