package org.minyi.crawl;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.minyi.common.ApiException;
import org.minyi.common.Page;
import org.minyi.source.Source;

/** The record of crawl runs, live while they run, with the URL and reason of each error. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@jakarta.annotation.security.RolesAllowed({org.minyi.security.Role.admin, org.minyi.security.Role.analyst})
public class CrawlRunResource {

    @Inject
    EntityManager em;


    @GET
    @Path("/crawl-runs")
    @Transactional
    public Page<CrawlRunView> runs(@QueryParam("source") Long sourceId, @QueryParam("page") Integer page,
                                   @QueryParam("size") Integer size) {
        org.minyi.common.Validation v = new org.minyi.common.Validation();
        org.minyi.common.Validation.PageRequest paging = v.paging(page, size, 20);
        v.throwIfInvalid();
        int p = paging.page();
        int s = paging.size();
        String where = sourceId == null ? "" : " where r.sourceId = :s";
        var query = em.createQuery("select r from CrawlRun r" + where + " order by r.id desc", CrawlRun.class);
        var count = em.createQuery("select count(r) from CrawlRun r" + where, Long.class);
        if (sourceId != null) {
            query.setParameter("s", sourceId);
            count.setParameter("s", sourceId);
        }
        List<CrawlRun> runs = query.setFirstResult(p * s).setMaxResults(s).getResultList();
        Map<Long, String> names = Source.<Source>listAll().stream().collect(Collectors.toMap(x -> x.id, x -> x.name));
        return new Page<>(runs.stream().map(r -> CrawlRunView.of(r, names.get(r.sourceId), null)).toList(), p, s,
                count.getSingleResult());
    }

    @GET
    @Path("/crawl-runs/{id}")
    @Transactional
    public CrawlRunView run(@PathParam("id") long id) {
        CrawlRun run = em.find(CrawlRun.class, id);
        if (run == null) {
            throw ApiException.notFound("crawl run", id);
        }
        List<CrawlError> errors = em.createQuery("select e from CrawlError e where e.runId = :id order by e.id", CrawlError.class)
                .setParameter("id", id).setMaxResults(500).getResultList();
        return CrawlRunView.of(run, sourceName(run.sourceId), errors);
    }

    /** A source's name for run views, read in a transaction of its own. */
    static String sourceName(long id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Source.<Source>findByIdOptional(id).map(s -> s.name).orElse(null));
    }
}
