package org.minyi.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.minyi.alert.AlertChannel;
import org.minyi.alert.AlertRule;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;

/** Delivery channels, managed by the administrator. Secrets are stored but never shown. */
@ApplicationScoped
@Transactional
public class AlertChannelService {

    @Inject
    org.minyi.audit.AuditLog audit;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** A channel as sent: {@code url} for the HTTP kinds, {@code secret} for DingTalk signing, {@code addresses} for EMAIL. */
    public record ChannelInput(String name, String kind, String url, String secret, List<String> addresses, Boolean enabled, Long version) {
    }

    /** A channel as shown (the secret only as {@code signed}). */
    public record ChannelView(long id, String name, AlertChannel.Kind kind, String url, boolean signed, List<String> addresses,
                              boolean enabled, long version) {
        public static ChannelView of(AlertChannel c) {
            return new ChannelView(c.id, c.name, c.kind, c.url, c.secret != null && !c.secret.isBlank(),
                    c.addresses == null || c.addresses.isBlank() ? List.of() : List.of(c.addresses.split(",")), c.enabled, c.version);
        }
    }

    public List<ChannelView> list() {
        return em.createQuery("select c from AlertChannel c order by c.name", AlertChannel.class).getResultList().stream()
                .map(ChannelView::of).toList();
    }

    public AlertChannel get(long id) {
        AlertChannel c = em.find(AlertChannel.class, id);
        if (c == null) {
            throw ApiException.notFound("alert channel", id);
        }
        return c;
    }

    public AlertChannel create(ChannelInput in) {
        AlertChannel c = new AlertChannel();
        apply(c, in, true);
        c.createdAt = Instant.now(clock);
        c.updatedAt = c.createdAt;
        c.persist();
        audit.record("ALERT_CHANNEL_CREATED", "alert-channel", c.id, c.name + " (" + c.kind + ")");
        return c;
    }

    public AlertChannel update(long id, ChannelInput in) {
        AlertChannel c = get(id);
        if (in != null && in.version() != null && in.version() != c.version) {
            throw ApiException.conflict("alert channel " + id + " was changed by someone else (version " + c.version + ")");
        }
        apply(c, in, false);
        c.updatedAt = Instant.now(clock);
        em.flush();
        audit.record("ALERT_CHANNEL_CHANGED", "alert-channel", c.id, c.name + " (" + c.kind + ")");
        return c;
    }

    public void delete(long id) {
        AlertChannel c = get(id);
        List<String> users = new ArrayList<>();
        for (AlertRule r : em.createQuery("select r from AlertRule r", AlertRule.class).getResultList()) {
            if (RuleCache.split(r.recipientChannels).contains(String.valueOf(id))) {
                users.add(r.name);
            }
        }
        if (!users.isEmpty()) {
            throw new ApiException(409, "channel " + c.name + " is a recipient of rules " + users,
                    List.of(new ApiException.FieldError("id", "is used by rules " + users)));
        }
        c.delete();
        audit.record("ALERT_CHANNEL_DELETED", "alert-channel", id, c.name + " (" + c.kind + ")");
    }

    private void apply(AlertChannel c, ChannelInput in, boolean create) {
        if (in == null) {
            throw ApiException.badRequest("body", "is required");
        }
        Validation v = new Validation();
        String name = v.required("name", in.name(), 100);
        if (name != null) {
            Long clash = em.createQuery("select count(c) from AlertChannel c where c.name = :n and c.id <> :id", Long.class)
                    .setParameter("n", name.trim()).setParameter("id", create ? -1L : c.id).getSingleResult();
            if (clash > 0) {
                v.reject("name", "is already used by another channel");
            }
        }
        AlertChannel.Kind kind = null;
        if (in.kind() == null || in.kind().isBlank()) {
            v.reject("kind", "is required: WEBHOOK, DINGTALK, WECOM or EMAIL");
        } else {
            try {
                kind = AlertChannel.Kind.valueOf(in.kind().trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                v.reject("kind", "must be WEBHOOK, DINGTALK, WECOM or EMAIL");
            }
        }
        List<String> addresses = new ArrayList<>();
        if (kind == AlertChannel.Kind.EMAIL) {
            if (in.addresses() == null || in.addresses().isEmpty()) {
                v.reject("addresses", "is required for an EMAIL channel");
            } else {
                for (int i = 0; i < in.addresses().size(); i++) {
                    String a = in.addresses().get(i);
                    if (a == null || !EMAIL.matcher(a.trim()).matches() || a.length() > 200) {
                        v.reject("addresses[" + i + "]", "is not an e-mail address");
                    } else {
                        addresses.add(a.trim());
                    }
                }
            }
        } else if (kind != null) {
            v.httpUrl("url", in.url(), true);
        }
        v.maxLength("secret", in.secret(), 200);
        if (in.secret() != null && !in.secret().isBlank() && kind != null && kind != AlertChannel.Kind.DINGTALK) {
            v.reject("secret", "is only used by DINGTALK channels");
        }
        v.throwIfInvalid();
        c.name = name.trim();
        c.kind = kind;
        c.url = kind == AlertChannel.Kind.EMAIL ? null : in.url().trim();
        if (in.secret() != null) {
            c.secret = in.secret().isBlank() ? null : in.secret().trim();
        }
        c.addresses = addresses.isEmpty() ? null : String.join(",", addresses);
        c.enabled = in.enabled() == null || in.enabled();
    }
}
