//! Load shedding: past a number of requests in flight, new ones are answered 503 with
//! `Retry-After` at once, so that those being served keep their latency and a client knows
//! to come back, rather than every request slowing down until they all time out. Health and
//! metrics always answer.

use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::{
    Error, ResponseError,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web::Data,
};

use crate::error::ApiError;

/// Requests being served, and how many may be.
pub struct InFlight {
    now: AtomicUsize,
    most: usize,
}

impl InFlight {
    pub fn new(most: usize) -> Self {
        Self {
            now: AtomicUsize::new(0),
            most,
        }
    }
}

/// Counts a request in flight until it is answered.
struct Counted(Data<InFlight>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::AcqRel);
    }
}

const ALWAYS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

pub async fn shed_load(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let in_flight = request
        .app_data::<Data<InFlight>>()
        .cloned()
        .filter(|_| !ALWAYS.contains(&request.path()));
    let _counted = match in_flight {
        Some(in_flight) => {
            if in_flight.now.fetch_add(1, Ordering::AcqRel) >= in_flight.most {
                in_flight.now.fetch_sub(1, Ordering::AcqRel);
                let busy = ApiError::ServiceUnavailable("too many requests at once");
                return Ok(request
                    .into_response(busy.error_response())
                    .map_into_right_body());
            }
            Some(Counted(in_flight))
        }
        None => None,
    };
    Ok(next.call(request).await?.map_into_left_body())
}
